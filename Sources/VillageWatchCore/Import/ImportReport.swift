/// The outcome of one import run, printed by the CLI, shown in the console and stored.
public struct ImportReport: Sendable, Encodable {
    public enum Outcome: String, Sendable, Encodable {
        /// New rows were written.
        case committed
        /// Every row was already stored exactly so: nothing changed.
        case unchanged
        /// At least one problem: nothing was written.
        case rejected
        /// Validated only, as asked.
        case dryRun = "dry-run"
    }

    public var dataset: String
    public var fileName: String
    public var sha256: String
    public var encoding: String
    public var outcome: Outcome = .rejected
    public var rowsRead = 0
    public var rowsInserted = 0
    public var rowsUnchanged = 0
    public var rowsRejected = 0
    public var problems: [ImportProblem] = []
    public var warnings: [ImportProblem] = []
    public var importID: Int64?

    /// Problems kept in full; the counts stay exact beyond it.
    public static let problemLimit = 1000

    mutating func reject(line: Int, field: String?, reason: String) {
        rowsRejected += 1
        if problems.count < Self.problemLimit {
            problems.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
        }
    }

    mutating func warn(line: Int, field: String?, reason: String) {
        if warnings.count < Self.problemLimit {
            warnings.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
        }
    }
}

/// A located problem: `persons.csv:17: id_number: reason`.
public struct ImportProblem: Sendable, Encodable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let field: String?
    public let reason: String

    public var description: String {
        // A SWIFT tag (`:61:`) already ends in a colon.
        "\(file):\(line): " + (field.map { $0.hasSuffix(":") ? "\($0) " : "\($0): " } ?? "") + reason
    }
}
