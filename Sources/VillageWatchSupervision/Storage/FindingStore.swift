import SQLKit
import VillageWatchCore

/// The findings of every screening, kept so that a lead can follow one. A finding is the same
/// finding while its code, subject and evidence are unchanged: re-screening only refreshes its
/// last-seen time, never adds it again. One that no longer fires is marked resolved; changed
/// evidence is a new finding (the old one resolved), so a cleared lead is raised again only
/// when something new is known.
public struct FindingStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    public struct Outcome: Sendable, Equatable {
        public var new = 0, unchanged = 0, resolved = 0

        public init(new: Int = 0, unchanged: Int = 0, resolved: Int = 0) {
            self.new = new
            self.unchanged = unchanged
            self.resolved = resolved
        }
    }

    /// Records one screening of `area` for `codes`, audited as one entry. The area's stored
    /// findings of those codes are read once and compared by key and evidence hash; the writes
    /// go in batches, so a county's tens of thousands of findings cost a few statements.
    public func record(_ findings: [Finding], area: AreaCode, codes: Set<FindingCode>, by actor: AuditActor) async throws -> Outcome {
        guard !codes.isEmpty else { return Outcome() }
        return try await database.transaction { tx in
            let now = Timestamp.utc(clock.now())
            let stored = try await storedIdentities(area: area, codes: codes, tx)
            var outcome = Outcome(), seen = Set<Int64>(), fresh: [String: Finding] = [:]
            for finding in findings {
                let identity = finding.key + "\u{1}" + finding.evidenceHash
                if let id = stored[identity] {
                    if seen.insert(id).inserted { outcome.unchanged += 1 }
                } else if fresh.updateValue(finding, forKey: identity) == nil {
                    outcome.new += 1
                }
            }
            outcome.resolved = try await resolveOthers(area: area, codes: codes, except: seen, at: now, tx)
            try await touch(Array(seen), at: now, tx)
            try await insert(fresh.sorted { $0.key < $1.key }.map(\.value), at: now, tx)
            try await AuditLog.append(tx, actor: actor, action: "supervision.screen", target: "areas/\(area.text)",
                                      after: ["codes": codes.map(\.rawValue).sorted().joined(separator: ","), "new": String(outcome.new),
                                              "unchanged": String(outcome.unchanged), "resolved": String(outcome.resolved)], clock: clock)
            return outcome
        }
    }

    /// Rows per batched statement: 8 binds a row stays under SQLite's 32,766 and PostgreSQL's 65,535.
    static let batch = 500

    /// Every stored finding of the area and codes, resolved or not, by key and evidence hash.
    private func storedIdentities(area: AreaCode, codes: Set<FindingCode>, _ tx: DatabaseTransaction) async throws -> [String: Int64] {
        var identities: [String: Int64] = [:]
        for row in try await tx.sql.raw("""
            SELECT id, finding_key, evidence_hash FROM findings WHERE code IN (\(binds: codes.map(\.rawValue))) AND \(SQLSubtree("village_code", of: area))
            """).all() {
            identities[try row.decode(column: "finding_key", as: String.self) + "\u{1}" + row.decode(column: "evidence_hash", as: String.self)]
                = try row.decode(column: "id", as: Int64.self)
        }
        return identities
    }

    /// Marks findings raised again as seen now (and open, if they had been resolved).
    private func touch(_ ids: [Int64], at now: String, _ tx: DatabaseTransaction) async throws {
        for chunk in Self.chunks(ids) {
            try await tx.sql.raw("UPDATE findings SET last_seen_at = \(bind: now), resolved_at = NULL WHERE id IN (\(binds: Array(chunk)))").run()
        }
    }

    private func insert(_ findings: [Finding], at now: String, _ tx: DatabaseTransaction) async throws {
        for chunk in Self.chunks(findings) {
            var insert = tx.sql.insert(into: "findings")
                .columns("code", "village_code", "finding_key", "evidence_hash", "amount_fen", "json", "first_seen_at", "last_seen_at")
            for finding in chunk {
                insert = insert.values(SQLBind(finding.code.rawValue), SQLBind(finding.villageCode), SQLBind(finding.key), SQLBind(finding.evidenceHash),
                                       SQLBind(finding.amountFen), SQLBind(finding.jsonLine), SQLBind(now), SQLBind(now))
            }
            try await insert.run()
        }
    }

    /// Open findings of the screened area and codes that this screening did not raise.
    private func resolveOthers(area: AreaCode, codes: Set<FindingCode>, except seen: Set<Int64>, at now: String, _ tx: DatabaseTransaction) async throws -> Int {
        let open = try await tx.sql.raw("""
            SELECT id FROM findings WHERE resolved_at IS NULL AND code IN (\(binds: codes.map(\.rawValue))) AND \(SQLSubtree("village_code", of: area))
            """).all(decodingColumn: "id", as: Int64.self).filter { !seen.contains($0) }
        for chunk in Self.chunks(open) {
            try await tx.sql.raw("UPDATE findings SET resolved_at = \(bind: now) WHERE id IN (\(binds: Array(chunk)))").run()
        }
        return open.count
    }

    static func chunks<T>(_ items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: batch).map { items[$0 ..< min($0 + batch, items.count)] }
    }

    /// The open findings of an area, newest first, as JSON lines.
    public func open(within area: AreaCode, codes: Set<FindingCode>) async throws -> [String] {
        try await database.read { db in
            try await db.raw("""
                SELECT json FROM findings WHERE resolved_at IS NULL AND code IN (\(binds: codes.map(\.rawValue))) AND \(SQLSubtree("village_code", of: area))
                ORDER BY code, village_code, finding_key
                """).all(decodingColumn: "json", as: String.self)
        }
    }
}

