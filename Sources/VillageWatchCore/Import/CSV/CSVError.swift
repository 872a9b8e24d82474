/// A problem reading or writing a CSV file, located by file name and physical line.
///
/// `description` is meant to be shown to the operator as is, e.g.
/// `people.csv:42: unterminated quoted field (file truncated?)`.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name as given (the `lastPathComponent` of the URL).
    public let file: String
    /// 1-based physical line; 0 when the problem concerns the whole file (e.g. it cannot be opened).
    public let line: Int
    /// English, one line.
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
