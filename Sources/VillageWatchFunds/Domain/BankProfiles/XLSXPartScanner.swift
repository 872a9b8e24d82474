import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the elements of a small XLSX part (workbook, relationships, styles) with their
/// attributes and the names of their ancestors; namespace prefixes are dropped (`x:sheet` → `sheet`).
final class XLSXPartScanner: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        /// The ancestors' names, outermost first.
        var parents: [String]
        var attributes: [String: String]

        /// The attribute `name`, also when written with a namespace prefix (`r:id`).
        func attribute(_ name: String) -> String? {
            attributes[name] ?? attributes.first { $0.key.hasSuffix(":" + name) }?.value
        }
    }

    private(set) var elements: [Element] = []
    private var stack: [String] = []

    /// The elements of `data`, or the parser's error message.
    static func scan(_ data: Data) -> Result<[Element], XLSXSheetReader.XMLFailure> {
        let scanner = XLSXPartScanner()
        let parser = XMLParser(data: data)
        parser.delegate = scanner
        guard parser.parse() else {
            return .failure(XLSXSheetReader.XMLFailure(line: parser.lineNumber, message: parser.parserError?.localizedDescription ?? "malformed XML"))
        }
        return .success(scanner.elements)
    }

    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        let name = Self.localName(elementName)
        elements.append(Element(name: name, parents: stack, attributes: attributeDict))
        stack.append(name)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }
}
