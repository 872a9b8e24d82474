/// Failures of the storage layer, phrased for the person running the command.
public enum DatabaseError: Error, CustomStringConvertible, Equatable {
    case badURL(String)
    case unreachable(String, reason: String)
    case migrationFailed(module: String, version: Int, reason: String)
    case unreadableRow(query: String, column: Int, reason: String)

    public var description: String {
        switch self {
        case .badURL(let text):
            "unsupported database URL '\(text)': use sqlite:///path/to/file.sqlite or postgres://user:pass@host:port/db"
        case .unreachable(let url, let reason):
            "cannot reach database \(url): \(reason)"
        case .migrationFailed(let module, let version, let reason):
            "migration \(module) #\(version) failed: \(reason)"
        case .unreadableRow(let query, let column, let reason):
            "cannot read column \(column + 1) of '\(query.prefix(80))': \(reason)"
        }
    }
}
