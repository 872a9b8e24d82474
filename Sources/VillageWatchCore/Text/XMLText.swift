/// The one escaping of text into XML (spreadsheets, Open311 responses). HTML's (`HTMLEscape`)
/// would not do: it writes `&nbsp;`, which XML does not define.
public enum XMLText {
    /// Whether a scalar may appear in an XML 1.0 document
    /// (`#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`).
    public static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Text made safe for XML element content or an attribute value: `& < > " '` escaped, carriage
    /// returns kept as `&#13;` (a parser would turn a literal one into a line feed), characters that
    /// XML 1.0 forbids dropped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default:
                if isXMLChar(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
