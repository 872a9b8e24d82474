/// The one escaping of text into HTML or SVG markup: the sanitiser, the charts and generated
/// publication bodies all use it, so no page can differ in what it lets through.
public enum HTMLEscape {
    public static func append(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{A0}": out += "&nbsp;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    public static func escaped(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
