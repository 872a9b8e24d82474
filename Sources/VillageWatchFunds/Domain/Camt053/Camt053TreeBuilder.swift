import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a whole XML document into a `Camt053Element` tree with Foundation's `XMLParser`.
///
/// Namespace prefixes are dropped from element names, so the reader does not care which
/// camt.053 version (or which prefix) a bank writes. Documents with a DTD are refused: a bank
/// statement never has one, and refusing it keeps entity expansion out of the picture. A
/// malformed document fails with the line `XMLParser` stopped at.
final class Camt053TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [Camt053Element] = []
    private var texts: [String] = []
    private var root: Camt053Element?
    private var firstError: (line: Int, code: Int, message: String)?

    /// The root element of `data`.
    static func build(_ data: Data, fileName: String) throws(StatementParseError) -> Camt053Element {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!doctype".utf8)) != nil {
            throw StatementParseError(file: fileName, line: nil, field: nil,
                                      reason: "XML document type declarations (<!DOCTYPE>) are not allowed in a camt.053 statement")
        }
        let builder = Camt053TreeBuilder()
        // Fed as a stream: given the whole `Data` at once, swift-corelibs-foundation hands
        // libxml2 a single chunk, which fails past libxml2's 10 MB limit for one chunk.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        if parser.parse(), builder.firstError == nil, let root = builder.root {
            return root
        }
        let line = builder.firstError?.line ?? parser.lineNumber
        var message = builder.firstError?.message ?? parser.parserError.map { Self.describe($0) } ?? "no XML element found"
        if data.isEmpty {
            message = "the file is empty"
        } else if !builder.stack.isEmpty {
            // Still inside elements at the end: the usual sign of a truncated file.
            let open = builder.stack.map(\.name).joined(separator: "/")
            switch builder.firstError?.code ?? 5 {
            case 5: message = "the document ends inside \(open) before its elements are closed (truncated file?)"
            case 4, 73, 77, 85: message += "; the document ends inside \(open) (truncated file?)"
            default: break
            }
        }
        throw StatementParseError(file: fileName, line: max(line, 1), field: nil, reason: "malformed XML: " + message)
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        // Apple's XMLParser passes libxml2's own message along; the Linux one passes only the code.
        for key in ["NSXMLParserErrorMessage", NSLocalizedFailureReasonErrorKey] {
            if let message = nsError.userInfo[key] as? String {
                let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { return trimmed }
            }
        }
        return describe(code: nsError.code)
    }

    /// `XMLParser` reports libxml2's error numbers (`xmlParserErrors`, which Apple's
    /// `NSXMLParserError` values copy) on every platform; `XMLParser.ErrorCode` on Linux is
    /// numbered one off, so the numbers are read here directly.
    private static func describe(code: Int) -> String {
        switch code {
        case 3, 4: return "the document does not start with an XML element"
        case 5: return "the document ends before its elements are closed, or has content after the root element"
        case 6, 7, 8, 9: return "the document contains an invalid character or character reference"
        case 10...25: return "an entity or character reference is misplaced or malformed"
        case 26, 27: return "the document uses an undeclared entity"
        case 31, 32, 81: return "the character encoding is unknown or the bytes do not match it"
        case 33, 34, 43, 44: return "a quoted value is not closed"
        case 38...42: return "an attribute is malformed"
        case 45: return "a comment is not closed"
        case 56, 57, 96: return "the XML declaration (<?xml …?>) is malformed"
        case 63: return "a CDATA section is not closed"
        case 68: return "an element or attribute name is expected"
        case 72: return "'<' expected"
        case 73: return "'>' expected (a tag is not finished)"
        case 74: return "'</' expected"
        case 75: return "'=' expected after an attribute name"
        case 76: return "an end tag does not match its start tag"
        case 77: return "a tag is not finished"
        case 85: return "the elements are not well balanced"
        case 86: return "there is content after the root element"
        case 89: return "an entity refers to itself"
        default: return "XML syntax error (libxml2 code \(code))"
        }
    }

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict where !key.hasPrefix("xmlns") {
            attributes[Self.localName(key)] = value
        }
        stack.append(Camt053Element(name: Self.localName(elementName), attributes: attributes, line: parser.lineNumber))
        texts.append("")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !texts.isEmpty else { return }
        texts[texts.count - 1] += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !texts.isEmpty else { return }
        texts[texts.count - 1] += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard var element = stack.popLast(), let text = texts.popLast() else { return }
        element.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil { firstError = (parser.lineNumber, (parseError as NSError).code, Self.describe(parseError)) }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        if firstError == nil { firstError = (parser.lineNumber, (validationError as NSError).code, Self.describe(validationError)) }
    }
}
