import Foundation
import SQLKit
import VillageWatchCore

/// API keys of Open311 clients (a WeChat mini-program's back end, a county hotline's system).
/// A key is shown once when issued; only its hash is kept.
public struct Open311KeyStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Issues a key for a client named `name` (letters, digits, `-`, `_`, `.`; unique); `key`
    /// only for the demo's published key.
    public func add(name: String, key given: String? = nil, by actor: AuditActor) async throws -> String {
        guard (2...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw Problem(description: "client name must be 2–64 letters, digits, '-', '_' or '.'")
        }
        let key = given ?? "vw311_" + ReceiptCode.random(32).lowercased()
        try await database.transaction { tx in
            if try await tx.sql.select().column("id").from("open311_keys").where("name", .equal, SQLBind(name)).first() != nil {
                throw Problem(description: "an Open311 client named \(name) already has a key")
            }
            try await tx.sql.insert(into: "open311_keys").columns("name", "key_hash", "created_at")
                .values(SQLBind(name), SQLBind(Self.hash(key)), SQLBind(Timestamp.utc(clock.now()))).run()
            try await AuditLog.append(tx, actor: actor, action: "open311.key-add", target: "open311/\(name)", clock: clock)
        }
        return key
    }

    /// The client a key belongs to, `nil` for an unknown or revoked key.
    public func client(forKey key: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT name FROM open311_keys WHERE key_hash = \(bind: Self.hash(key)) AND revoked_at IS NULL")
                .first(decodingColumn: "name", as: String.self)
        }
    }

    /// A refused key request, for the operator at the command line.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    static func hash(_ key: String) -> String {
        FileDigest.sha256(text: "vw-open311-key:\(key)")
    }
}
