import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/sharedStrings.xml`: one string per `<si>`, the text of its `<t>` elements (plain or in
/// rich-text runs `<r>`) joined, leaving out phonetic guides (`<rPh>`).
final class XLSXSharedStringsParser: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    static func parse(_ data: Data) -> Result<[String], XLSXSheetReader.XMLFailure> {
        let delegate = XLSXSharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            return .failure(XLSXSheetReader.XMLFailure(line: parser.lineNumber, message: parser.parserError?.localizedDescription ?? "malformed XML"))
        }
        return .success(delegate.strings)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        switch XLSXPartScanner.localName(elementName) {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XLSXPartScanner.localName(elementName) {
        case "si": strings.append(XLSXSheetReader.unescape(current))
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}
