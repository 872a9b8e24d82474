import Foundation
import SQLKit
import VillageWatchCore

/// The append-only public record: leaves appended inside the transactions that publish, a Merkle
/// tree over their hashes cached in memory (and caught up from the database, so several server
/// instances agree), signed checkpoints, proofs, and a full verification.
public actor TransparencyLog {
    public let database: Database
    public let signer: NoteSigner
    private let sources: [String: any PublicRecordSource]
    private let clock: any WallClock
    private var tree = MerkleTree()

    public init(database: Database, signer: NoteSigner, sources: [any PublicRecordSource], clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.signer = signer
        self.sources = Dictionary(uniqueKeysWithValues: sources.map { ($0.kind, $0) })
        self.clock = clock
    }

    /// A record about to enter the log.
    public struct Leaf: Sendable {
        public let kind: String, ref: String, bytes: Data
        public init(kind: String, ref: String, bytes: Data) { self.kind = kind; self.ref = ref; self.bytes = bytes }
    }

    /// Appends leaves in the caller's transaction and returns the index of the first. The head
    /// row is locked (`FOR UPDATE` on PostgreSQL), so indexes are dense and commit in order.
    @discardableResult
    public static func append(_ tx: DatabaseTransaction, leaves: [Leaf], clock: any WallClock = SystemWallClock()) async throws -> Int64 {
        let lock = tx.engine == .postgres ? " FOR UPDATE" : ""
        guard let size = try await tx.sql.raw("SELECT size FROM log_head WHERE id = 1\(unsafeRaw: lock)").first(decodingColumn: "size", as: Int64.self) else {
            throw TransparencyError.missingHead
        }
        let now = Timestamp.utc(clock.now())
        for (chunkStart, chunk) in stride(from: 0, to: leaves.count, by: 2000).map({ ($0, leaves[$0 ..< min($0 + 2000, leaves.count)]) }) {
            var insert = tx.sql.insert(into: "log_leaves").columns("idx", "kind", "ref", "leaf_hash", "appended_at")
            for (offset, leaf) in chunk.enumerated() {
                insert = insert.values(SQLBind(size + Int64(chunkStart + offset)), SQLBind(leaf.kind), SQLBind(leaf.ref),
                                       SQLBind(Hex.encode(MerkleTree.leafHash(leaf.bytes))), SQLBind(now))
            }
            try await insert.run()
        }
        try await tx.sql.update("log_head").set("size", to: SQLBind(size + Int64(leaves.count))).where("id", .equal, SQLBind(1)).run()
        return size
    }

    /// The tree with every committed leaf.
    public func currentTree() async throws -> MerkleTree {
        while true {
            let from = tree.size
            let rows = try await database.read {
                try await $0.select().columns("idx", "leaf_hash").from("log_leaves").where("idx", .greaterThanOrEqual, SQLBind(from))
                    .orderBy("idx").limit(50_000).all()
            }
            for row in rows {
                guard try row.decode(column: "idx", as: Int.self) == tree.size,
                      let hash = Hex.decode(try row.decode(column: "leaf_hash", as: String.self)) else { throw TransparencyError.gap(tree.size) }
                tree.append(leafHash: hash)
            }
            if rows.count < 50_000 { return tree }
        }
    }

    /// Signs a checkpoint for the current size unless the latest one already covers it; returns
    /// the latest signed note.
    @discardableResult
    public func checkpoint() async throws -> String {
        let tree = try await currentTree()
        if let latest = try await latestCheckpoint(), latest.checkpoint.size >= tree.size { return latest.note }
        let checkpoint = Checkpoint(origin: signer.name, size: tree.size, root: try tree.root(size: tree.size))
        let note = try signer.sign(checkpoint.text)
        try await database.withConnection { db in
            try await db.insert(into: "log_checkpoints").columns("size", "root", "note", "signed_at")
                .values(SQLBind(checkpoint.size), SQLBind(Hex.encode(checkpoint.root)), SQLBind(note), SQLBind(Timestamp.utc(clock.now())))
                .ignoringConflicts().run()
        }
        return try await latestCheckpoint()?.note ?? note
    }

    public func latestCheckpoint() async throws -> (note: String, checkpoint: Checkpoint)? {
        try await checkpoints(limit: 1).first
    }

    /// Signed checkpoints, newest first.
    public func checkpoints(limit: Int? = nil) async throws -> [(note: String, checkpoint: Checkpoint)] {
        let rows = try await database.read { db in
            var query = db.select().column("note").from("log_checkpoints").orderBy("size", .descending)
            if let limit { query = query.limit(limit) }
            return try await query.all(decodingColumn: "note", as: String.self)
        }
        return try rows.map { note in (note, try Checkpoint(text: try NoteSigner.verify(note: note, verifierKey: signer.verifierKey))) }
    }

    /// Leaves `start ..< end` with their bytes rebuilt from the current records.
    public func entries(start: Int, end: Int) async throws -> [(index: Int, leaf: Data)] {
        try await database.read { db in
            let rows = try await db.select().columns("idx", "kind", "ref").from("log_leaves")
                .where("idx", .greaterThanOrEqual, SQLBind(start)).where("idx", .lessThan, SQLBind(end)).orderBy("idx").all()
            let refs = try rows.map { (try $0.decode(column: "idx", as: Int.self), try $0.decode(column: "kind", as: String.self),
                                       try $0.decode(column: "ref", as: String.self)) }
            var bytes: [String: [String: Data]] = [:]
            for (kind, group) in Dictionary(grouping: refs, by: \.1) {
                bytes[kind] = try await sources[kind]?.leafBytes(refs: group.map(\.2), db: db) ?? [:]
            }
            return refs.map { ($0.0, bytes[$0.1]?[$0.2] ?? Data()) }
        }
    }

    /// The log index of one record, for its public page.
    public func index(kind: String, ref: String) async throws -> Int? {
        try await database.read {
            try await $0.select().column("idx").from("log_leaves").where("kind", .equal, SQLBind(kind)).where("ref", .equal, SQLBind(ref))
                .first(decodingColumn: "idx", as: Int.self)
        }
    }
}

public enum TransparencyError: Error, CustomStringConvertible {
    case missingHead, gap(Int)
    public var description: String {
        switch self {
        case .missingHead: "the log head row is missing; run `villagewatch migrate`"
        case .gap(let index): "the log has no leaf \(index): leaves were deleted"
        }
    }
}

/// Lower-case hexadecimal, as hashes are stored.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count / 2)
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let byte = UInt8(String(decoding: chars[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
