import Foundation
import SQLKit

/// The append-only, hash-chained record of every change made through the web app, the API or
/// the command line.
///
/// Appending reads and advances a single head row inside the caller's transaction, locked with
/// `FOR UPDATE` on PostgreSQL (SQLite's `BEGIN IMMEDIATE` already serialises writers), so two
/// server instances can never fork the chain.
public enum AuditLog {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends one entry; `before` and `after` are encoded as sorted-key JSON.
    public static func append(_ tx: DatabaseTransaction, actor: AuditActor, action: String, target: String,
                              before: (any Encodable & Sendable)? = nil, after: (any Encodable & Sendable)? = nil,
                              clock: any WallClock = SystemWallClock()) async throws {
        let lock = tx.engine == .postgres ? " FOR UPDATE" : ""
        guard let head = try await tx.sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first() else {
            throw AuditError.missingHead
        }
        let prevSeq = try head.decode(column: "seq", as: Int64.self)
        let prevHash = try head.decode(column: "hash", as: String.self)
        let seq = prevSeq + 1
        let at = Timestamp.utc(clock.now())
        let beforeJSON = try before.map(canonicalJSON), afterJSON = try after.map(canonicalJSON)
        let hash = AuditEntry.computeHash(seq: seq, at: at, actor: actor.description, action: action, target: target,
                                          before: beforeJSON, after: afterJSON, prevHash: prevHash)
        try await tx.sql.insert(into: "audit_log")
            .columns("seq", "at", "actor", "action", "target", "before_state", "after_state", "prev_hash", "hash")
            .values(SQLBind(seq), SQLBind(at), SQLBind(actor.description), SQLBind(action), SQLBind(target),
                    SQLBind(beforeJSON), SQLBind(afterJSON), SQLBind(prevHash), SQLBind(hash))
            .run()
        try await tx.sql.update("audit_head").set("seq", to: SQLBind(seq)).set("hash", to: SQLBind(hash))
            .where("id", .equal, SQLBind(1)).run()
    }

    /// Reads entries newest first, for the audit console.
    public static func recent(_ db: any SQLDatabase, limit: Int, beforeSeq: Int64? = nil) async throws -> [AuditEntry] {
        var query = db.select().column("*").from("audit_log").orderBy("seq", .descending).limit(limit)
        if let beforeSeq { query = query.where("seq", .lessThan, SQLBind(beforeSeq)) }
        return try await query.all().map(decodeEntry)
    }

    /// Walks the chain in order up to the head read first (entries appended meanwhile are left
    /// for the next run) and reports the first entry that does not hold.
    public static func verify(_ db: any SQLDatabase) async throws -> AuditVerification {
        guard let head = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            return .broken(seq: 0, reason: "the audit head row is missing")
        }
        let headSeq = try head.decode(column: "seq", as: Int64.self)
        let headHash = try head.decode(column: "hash", as: String.self)
        var expectedSeq: Int64 = 1
        var prevHash = genesisHash
        var afterSeq: Int64 = 0
        while true {
            let page = try await db.select().column("*").from("audit_log")
                .where("seq", .greaterThan, SQLBind(afterSeq)).where("seq", .lessThanOrEqual, SQLBind(headSeq))
                .orderBy("seq").limit(5000).all().map(decodeEntry)
            for entry in page {
                if let problem = check(entry, expectedSeq: expectedSeq, prevHash: prevHash) {
                    return .broken(seq: entry.seq, reason: problem)
                }
                prevHash = entry.hash
                expectedSeq += 1
            }
            guard let last = page.last else { break }
            afterSeq = last.seq
        }
        guard headSeq == expectedSeq - 1, headHash == prevHash else {
            return .broken(seq: expectedSeq, reason: "the chain ends at entry \(expectedSeq - 1) but its head records entry \(headSeq): entries after \(expectedSeq - 1) were deleted")
        }
        return .intact(entries: Int(expectedSeq - 1))
    }

    private static func check(_ entry: AuditEntry, expectedSeq: Int64, prevHash: String) -> String? {
        if entry.seq != expectedSeq {
            return "expected entry \(expectedSeq) but found \(entry.seq): entries were deleted"
        }
        if entry.prevHash != prevHash {
            return "its link to the previous entry does not match: entries were deleted or reordered"
        }
        if entry.recomputedHash != entry.hash {
            return "its content does not match its hash: the row was edited"
        }
        return nil
    }

    private static func decodeEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            seq: try row.decode(column: "seq", as: Int64.self), at: try row.decode(column: "at", as: String.self),
            actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
            target: try row.decode(column: "target", as: String.self),
            before: try row.decode(column: "before_state", as: String?.self), after: try row.decode(column: "after_state", as: String?.self),
            prevHash: try row.decode(column: "prev_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }

    static func canonicalJSON(_ value: any Encodable & Sendable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    case broken(seq: Int64, reason: String)
}

public enum AuditError: Error, CustomStringConvertible {
    case missingHead
    public var description: String { "the audit head row is missing; run `villagewatch migrate`" }
}
