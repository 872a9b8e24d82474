import Crypto
import Foundation
import SQLKit
import VillageWatchCore

/// Banks allowed to push transactions (银企直连), each with its own HMAC secret, kept sealed.
public struct BankClientStore: Sendable {
    public let database: Database
    public let box: SecretBox
    public let clock: any WallClock

    public init(database: Database, box: SecretBox, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.box = box
        self.clock = clock
    }

    /// Registers a client and returns its secret (base64), shown once.
    public func add(name: String, by actor: AuditActor) async throws -> String {
        guard name.range(of: "^[a-z0-9][a-z0-9-]{1,39}$", options: .regularExpression) != nil else {
            throw BankFeedError.badClientName(name)
        }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try await database.transaction { tx in
            guard try await tx.sql.select().column("name").from("bank_clients").where("name", .equal, SQLBind(name)).first() == nil else {
                throw BankFeedError.clientExists(name)
            }
            try await tx.sql.insert(into: "bank_clients").columns("name", "sealed_secret", "created_at", "disabled")
                .values(SQLBind(name), SQLBind(try box.seal(secret)), SQLBind(Timestamp.utc(clock.now())), SQLBind(false)).run()
            try await AuditLog.append(tx, actor: actor, action: "bank-client.add", target: "bank-clients/\(name)", clock: clock)
        }
        return secret.base64EncodedString()
    }

    /// The secret of an active client, or `nil`.
    public func secret(of name: String) async throws -> Data? {
        let row = try await database.read {
            try await $0.select().columns("sealed_secret", "disabled").from("bank_clients").where("name", .equal, SQLBind(name)).first()
        }
        guard let row, try !row.decode(column: "disabled", as: Bool.self) else { return nil }
        return try box.open(try row.decode(column: "sealed_secret", as: String.self))
    }

    /// Records a nonce; `false` when the client used it before (a replay).
    public func accept(nonce: String, client: String) async throws -> Bool {
        try await database.transaction { tx in
            let seen = try await tx.sql.select().column("nonce").from("bank_feed_nonces")
                .where("client", .equal, SQLBind(client)).where("nonce", .equal, SQLBind(nonce)).first()
            guard seen == nil else { return false }
            try await tx.sql.insert(into: "bank_feed_nonces").columns("client", "nonce", "received_at")
                .values(SQLBind(client), SQLBind(nonce), SQLBind(Timestamp.utc(clock.now()))).run()
            return true
        }
    }
}

public enum BankFeedError: Error, Equatable, CustomStringConvertible {
    case badClientName(String), clientExists(String)
    public var description: String {
        switch self {
        case .badClientName(let name): "bank client name '\(name)' must be 2–40 lower-case letters, digits or '-'"
        case .clientExists(let name): "bank client '\(name)' already exists"
        }
    }
}
