import Foundation
import SQLKit

/// Slows down password guessing: after `limit` failures within `window` for one username or
/// from one address, sign-in is refused until the window has passed. Kept in the database so
/// that all server instances share the count.
public struct LoginThrottle: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let limit: Int
    public let window: TimeInterval

    public init(database: Database, clock: any WallClock = SystemWallClock(), limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.database = database
        self.clock = clock
        self.limit = limit
        self.window = window
    }

    public func isLocked(username: String, ip: String) async throws -> Bool {
        let since = Timestamp.utc(clock.now().addingTimeInterval(-window))
        return try await database.read { db in
            for (column, value) in [("username", username), ("ip", ip)] {
                let n = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("login_failures")
                    .where(column, .equal, SQLBind(value)).where("at", .greaterThan, SQLBind(since))
                    .first(decodingColumn: "n", as: Int.self) ?? 0
                if n >= limit { return true }
            }
            return false
        }
    }

    public func recordFailure(username: String, ip: String) async throws {
        try await database.transaction { tx in
            try await tx.sql.insert(into: "login_failures").columns("username", "ip", "at")
                .values(SQLBind(username), SQLBind(ip), SQLBind(Timestamp.utc(clock.now()))).run()
            try await AuditLog.append(tx, actor: .system, action: "session.failed-login", target: "users/\(username)",
                                      after: ["ip": ip], clock: clock)
        }
    }

    public func clear(username: String) async throws {
        try await database.withConnection { try await $0.delete(from: "login_failures").where("username", .equal, SQLBind(username)).run() }
    }
}
