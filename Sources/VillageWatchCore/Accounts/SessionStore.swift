import Crypto
import Foundation
import SQLKit

/// Sign-in sessions kept in the database, so that any server instance can serve any request.
///
/// The browser holds a random token; the table holds only its SHA-256, so a leaked database
/// does not leak live sessions. Each session carries its own CSRF token.
public struct SessionStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let lifetime: TimeInterval

    public init(database: Database, clock: any WallClock = SystemWallClock(), lifetime: TimeInterval = 8 * 3600) {
        self.database = database
        self.clock = clock
        self.lifetime = lifetime
    }

    public struct Session: Sendable {
        public let token: String
        public let csrfToken: String
        public let user: User
    }

    public func open(for user: User) async throws -> Session {
        let token = Self.randomToken(), csrf = Self.randomToken()
        let now = clock.now()
        try await database.transaction { tx in
            try await tx.sql.delete(from: "sessions").where("expires_at", .lessThan, SQLBind(Timestamp.utc(now))).run()
            try await tx.sql.insert(into: "sessions").columns("token_hash", "user_id", "csrf_token", "created_at", "expires_at")
                .values(SQLBind(Self.hash(token)), SQLBind(user.id), SQLBind(csrf), SQLBind(Timestamp.utc(now)),
                        SQLBind(Timestamp.utc(now.addingTimeInterval(lifetime)))).run()
            try await AuditLog.append(tx, actor: .user(user.username), action: "session.open", target: "users/\(user.username)", clock: clock)
        }
        return Session(token: token, csrfToken: csrf, user: user)
    }

    /// The live session for a browser token, or `nil` (unknown, expired, or user disabled).
    public func session(token: String) async throws -> Session? {
        try await database.read { db in
            guard let row = try await db.select().column("*").from("sessions")
                .where("token_hash", .equal, SQLBind(Self.hash(token))).first(),
                  try row.decode(column: "expires_at", as: String.self) > Timestamp.utc(clock.now()),
                  let user = try await db.select().column("*").from("users")
                    .where("id", .equal, SQLBind(try row.decode(column: "user_id", as: Int64.self))).first().map(UserStore.decode),
                  !user.disabled else { return nil }
            return Session(token: token, csrfToken: try row.decode(column: "csrf_token", as: String.self), user: user)
        }
    }

    public func close(token: String, user: User) async throws {
        try await database.transaction { tx in
            try await tx.sql.delete(from: "sessions").where("token_hash", .equal, SQLBind(Self.hash(token))).run()
            try await AuditLog.append(tx, actor: .user(user.username), action: "session.close", target: "users/\(user.username)", clock: clock)
        }
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// 256 random bits, URL-safe.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
