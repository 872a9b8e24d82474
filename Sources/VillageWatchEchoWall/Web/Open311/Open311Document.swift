import Foundation
import Hummingbird
import VillageWatchCore

/// An Open311 GeoReport v2 response, written as JSON or XML by one renderer: what clients read
/// from either format is the same records in the same order.
struct Open311Document {
    /// A field's value: text (`nil` is JSON null, an empty XML element), a flag, a number, or
    /// nested records or strings under their own element names.
    indirect enum Value {
        case text(String?)
        case flag(Bool)
        case number(Int)
        case records(element: String, [Record])
        case strings(element: String, [String])
    }

    struct Record {
        var fields: [(String, Value)]
        init(_ fields: [(String, Value)]) { self.fields = fields }
    }

    enum Format: String {
        case json, xml

        /// `requests.json` → (`requests`, .json); no suffix means JSON.
        static func split(_ name: String) -> (name: String, format: Format)? {
            guard let dot = name.lastIndex(of: ".") else { return (name, .json) }
            guard let format = Format(rawValue: String(name[name.index(after: dot)...]).lowercased()) else { return nil }
            return (String(name[..<dot]), format)
        }

        var contentType: String { self == .json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8" }
    }

    /// A list (`services`, `service_requests`, `errors`) or a single record (`service_definition`,
    /// `discovery`): JSON writes an array or an object, XML a root element.
    let root: String
    let element: String?
    let records: [Record]

    static func list(_ root: String, of element: String, _ records: [Record]) -> Open311Document { .init(root: root, element: element, records: records) }
    static func single(_ root: String, _ record: Record) -> Open311Document { .init(root: root, element: nil, records: [record]) }

    static func errors(_ status: HTTPResponse.Status, _ description: String) -> Open311Document {
        list("errors", of: "error", [Record([("code", .number(status.code)), ("description", .text(description))])])
    }

    func response(_ format: Format, status: HTTPResponse.Status = .ok) -> Response {
        let body = format == .json ? json() : "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + xml()
        return Response(status: status, headers: [.contentType: format.contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func json() -> String {
        element == nil ? Self.json(records[0]) : "[" + records.map(Self.json).joined(separator: ",") + "]"
    }

    private func xml() -> String {
        let inner = records.map { record in element.map { Self.xml($0, record) } ?? Self.xmlFields(record) }.joined()
        return "<\(root)>\(inner)</\(root)>"
    }

    private static func json(_ record: Record) -> String {
        "{" + record.fields.map { "\(JSONText.quoted($0.0)):\(json($0.1))" }.joined(separator: ",") + "}"
    }

    private static func json(_ value: Value) -> String {
        switch value {
        case .text(let text): text.map(JSONText.quoted) ?? "null"
        case .flag(let flag): flag ? "true" : "false"
        case .number(let number): String(number)
        case .records(_, let records): "[" + records.map(json).joined(separator: ",") + "]"
        case .strings(_, let strings): "[" + strings.map(JSONText.quoted).joined(separator: ",") + "]"
        }
    }

    private static func xml(_ element: String, _ record: Record) -> String { "<\(element)>\(xmlFields(record))</\(element)>" }

    private static func xmlFields(_ record: Record) -> String {
        record.fields.map { name, value in
            switch value {
            case .text(let text): "<\(name)>\(XMLText.escaped(text ?? ""))</\(name)>"
            case .flag(let flag): "<\(name)>\(flag)</\(name)>"
            case .number(let number): "<\(name)>\(number)</\(name)>"
            case .records(let element, let records): "<\(name)>" + records.map { xml(element, $0) }.joined() + "</\(name)>"
            case .strings(let element, let strings): "<\(name)>" + strings.map { "<\(element)>\(XMLText.escaped($0))</\(element)>" }.joined() + "</\(name)>"
            }
        }.joined()
    }
}
