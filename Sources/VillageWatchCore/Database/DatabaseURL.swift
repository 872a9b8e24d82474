import Foundation

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLite = DatabaseURL.sqlite(path: "./var/villagewatch.sqlite")

    /// Accepts `sqlite:///abs/path`, `sqlite://./rel/path`, `sqlite:relative/path` and
    /// `postgres://` / `postgresql://` URLs.
    public init(parsing text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard URL(string: text)?.host != nil else { throw DatabaseError.badURL(text) }
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseError.badURL(text) }
            self = .sqlite(path: path)
        } else {
            throw DatabaseError.badURL(text)
        }
    }

    /// The URL with any password replaced, safe for logs and error messages.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "postgres://…" }
            if parts.password != nil { parts.password = "***" }
            return parts.string ?? "postgres://…"
        }
    }
}
