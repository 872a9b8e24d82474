/// A column of a canonical CSV layout (IMPORT-FORMATS.md).
public struct ImportColumn: Sendable, Hashable {
    public let name: String
    public let required: Bool

    public static func required(_ name: String) -> ImportColumn { ImportColumn(name: name, required: true) }
    public static func optional(_ name: String) -> ImportColumn { ImportColumn(name: name, required: false) }
}
