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
    /// ID number (with its X), a mobile number, a bank account someone typed — masked as above: a
    /// valid ID number as an ID number, anything else as a number. Full-width digits count as
    /// digits, and a space or hyphen where phones and cards are grouped (139 1234 5678,
    /// 6228-4800-1234-5678) does not end a run; one where dates are (2026-11-30) does.
    public static func numbers(in text: String) -> String {
        let characters = Array(text)
        var result = "", digits = "", typed = ""
        func flush() {
            result += digits.count < 8 ? typed : digits.count == 18 && IDNumber(digits).isValid ? idNumber(digits) : number(digits)
            digits = ""
            typed = ""
        }
        for (index, character) in characters.enumerated() {
            if let digit = asciiDigit(character, after: digits) {
                digits.append(digit)
                typed.append(character)
            } else if [3, 4, 7, 8, 12, 16].contains(digits.count), character == " " || character == "-", index + 1 < characters.count,
                      asciiDigit(characters[index + 1], after: digits) != nil {
                typed.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// The ASCII digit a character stands for (０–９ as 0–9), or the X of an ID number's check digit.
    private static func asciiDigit(_ character: Character, after digits: String) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0x30...0x39: return character
        case 0xFF10...0xFF19: return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        case 0x58, 0x78, 0xFF38, 0xFF58: return digits.count == 17 ? "X" : nil
        default: return nil
        }
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
