/// The one masking function for individuals on public pages.
///
/// Organisations are shown in full; people are not: a name keeps its first and last
/// character (陈*强, 李*), an ID number its first four and last four digits
/// (4408**********1234), a phone or account number only its last four (****1234).
public enum Masking {
    public static func name(_ name: String) -> String {
        let chars = Array(name.trimmingCharacters(in: .whitespaces))
        switch chars.count {
        case 0: return ""
        case 1: return String(chars)
        case 2: return String(chars[0]) + "*"
        default: return String(chars[0]) + String(repeating: "*", count: chars.count - 2) + String(chars[chars.count - 1])
        }
    }

    public static func idNumber(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 8 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
    }

    /// Phones and bank account numbers.
    public static func number(_ number: String) -> String {
        let chars = Array(number.filter { !$0.isWhitespace })
        guard chars.count > 4 else { return String(repeating: "*", count: chars.count) }
        return "****" + String(chars.suffix(4))
    }

    /// Free text (a bank summary, a villager's complaint): every run of eight or more digits — an
    /// ID number (with its X), a mobile number, a bank account someone typed — masked as above.
    public static func numbers(in text: String) -> String {
        var result = "", run = ""
        func flush() {
            result += run.count < 8 ? run : run.count == 18 ? idNumber(run) : number(run)
            run = ""
        }
        for character in text {
            if character.isASCII && (character.isNumber || (!run.isEmpty && (character == "X" || character == "x"))) {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// Free text with the names of known people (two to four characters, the longest match at
    /// each position) masked as `name(_:)` does; free text cannot tell a name from a word, so
    /// only names the registry knows are found.
    public static func names(in text: String, isPerson: (String) -> Bool) -> String {
        let characters = Array(text)
        var result = "", index = 0
        while index < characters.count {
            let match = (2...4).reversed().first { length in
                index + length <= characters.count && isPerson(String(characters[index ..< index + length]))
            }
            if let length = match {
                result += name(String(characters[index ..< index + length]))
                index += length
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }
}
