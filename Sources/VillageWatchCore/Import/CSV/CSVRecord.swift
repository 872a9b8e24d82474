/// One parsed CSV record (a row), including the header row.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line on which the record starts (the header is line 1).
    public let line: Int
    /// The raw field values, untrimmed, with quoting removed.
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
