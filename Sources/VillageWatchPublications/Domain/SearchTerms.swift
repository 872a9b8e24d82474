import Foundation

/// Chinese full-text search on any SQL engine, through an inverted index of terms.
///
/// Chinese is written without spaces, so words are not split out; every overlapping pair of
/// Han characters is indexed instead (村务公开 → 村务 务公 公开), which finds every word of two
/// or more characters: a query matches a document holding all of the query's terms. Runs of
/// letters and digits are lower-cased words. Text is NFKC-normalised first, so full-width
/// letters and digits (２０２４) match their ASCII forms.
///
/// The document side also indexes every Han character on its own, so that a one-character
/// query run still matches inside longer runs: the 年 of "2024年" is found in "2024年低保名单",
/// whose only bigrams are 年低 低保 保名 名单. Queries use single characters only where a
/// run has one, so "公开" is still looked up as the one term 公开.
public enum SearchTerms {
    /// The longest word kept; longer words are cut to this length on both sides.
    public static let maxWordLength = 32
    /// The most terms a query is turned into.
    public static let maxQueryTerms = 16

    /// Every term of a document, for the index.
    public static func terms(_ text: String) -> Set<String> {
        var terms = Set<String>()
        for run in runs(text) {
            switch run {
            case .han(let characters):
                for character in characters { terms.insert(String(character)) }
                for pair in bigrams(characters) { terms.insert(pair) }
            case .word(let word):
                terms.insert(word)
            }
        }
        return terms
    }

    /// The terms a document must all contain to match the query, in query order, without
    /// repeats, at most `maxQueryTerms`.
    public static func queryTerms(_ query: String) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func add(_ term: String) {
            guard result.count < maxQueryTerms, seen.insert(term).inserted else { return }
            result.append(term)
        }
        for run in runs(query) {
            switch run {
            case .han(let characters):
                if characters.count == 1 {
                    add(String(characters[0]))
                } else {
                    bigrams(characters).forEach(add)
                }
            case .word(let word):
                add(word)
            }
        }
        return result
    }

    enum Run: Equatable {
        case han([Unicode.Scalar])
        case word(String)
    }

    /// Splits text into runs of Han characters and runs of letters and digits; everything else
    /// (spaces, punctuation, CJK punctuation, symbols) only separates runs.
    static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var han: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func endHan() {
            if !han.isEmpty { runs.append(.han(han)); han = [] }
        }
        func endWord() {
            guard !word.isEmpty else { return }
            let lowered = String(word).lowercased()
            runs.append(.word(String(lowered.prefix(maxWordLength))))
            word = String.UnicodeScalarView()
        }
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if isHan(scalar) {
                endWord()
                han.append(scalar)
            } else if isWordCharacter(scalar) {
                endHan()
                word.append(scalar)
            } else if !word.isEmpty, isMark(scalar) {
                word.append(scalar)
            } else {
                endHan()
                endWord()
            }
        }
        endHan()
        endWord()
        return runs
    }

    static func bigrams(_ characters: [Unicode.Scalar]) -> [String] {
        guard characters.count > 1 else { return [] }
        return (0 ..< characters.count - 1).map { String(characters[$0]) + String(characters[$0 + 1]) }
    }

    /// Han ideographs: the unified blocks and their extensions, the compatibility blocks, and
    /// 〇 and 々, which are Han script too.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007,
             0x3400...0x4DBF, // Extension A
             0x4E00...0x9FFF, // Unified Ideographs
             0xF900...0xFAFF, // Compatibility Ideographs
             0x20000...0x2A6DF, 0x2A700...0x2EE5F, // Extensions B–F, I
             0x2F800...0x2FA1F, // Compatibility Supplement
             0x30000...0x323AF: // Extensions G, H
            true
        default:
            false
        }
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return !isMark(scalar) }
        return properties.generalCategory == .decimalNumber
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
