import SQLKit

/// A value an importer stores. Values are compared with what is already stored to tell an
/// unchanged row (idempotent re-import) from a conflicting one.
public enum StoredValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case integer(Int64)
    case null

    /// Empty text is stored as NULL so that "absent" has one representation.
    public static func optionalText(_ text: String) -> StoredValue { text.isEmpty ? .null : .text(text) }

    public var description: String {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .null: "（空）"
        }
    }
}

/// A stored column and how to read it back.
public struct StoredColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case text, integer }
    public let name: String
    public let kind: Kind

    public static func text(_ name: String) -> StoredColumn { StoredColumn(name: name, kind: .text) }
    public static func integer(_ name: String) -> StoredColumn { StoredColumn(name: name, kind: .integer) }

    func decode(from row: any SQLRow) throws -> StoredValue {
        switch kind {
        case .text: try row.decode(column: name, as: String?.self).map(StoredValue.text) ?? .null
        case .integer: try row.decode(column: name, as: Int64?.self).map(StoredValue.integer) ?? .null
        }
    }
}

/// The table an import dataset fills. The first `keyCount` columns form the row's key; every
/// table also has an `import_id` column pointing at the import run that inserted the row.
/// `areaColumn` holds the area a stored row belongs to, so that a conflict with a row outside
/// the importing user's area is reported without revealing its content.
public struct ImportTable: Sendable {
    public let name: String
    public let columns: [StoredColumn]
    public let keyCount: Int
    public let areaColumn: String

    public init(name: String, columns: [StoredColumn], keyCount: Int, areaColumn: String) {
        self.name = name
        self.columns = columns
        self.keyCount = keyCount
        self.areaColumn = areaColumn
    }

    var keyColumns: ArraySlice<StoredColumn> { columns.prefix(keyCount) }
}
