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

    /// Records one screening of `area` for `codes`, audited as one entry.
    public func record(_ findings: [Finding], area: AreaCode, codes: Set<FindingCode>, by actor: AuditActor) async throws -> Outcome {
        guard !codes.isEmpty else { return Outcome() }
        return try await database.transaction { tx in
            let now = Timestamp.utc(clock.now())
            var outcome = Outcome(), seen = Set<Int64>()
            for finding in findings {
                if let id = try await tx.sql.select().column("id").from("findings").where("finding_key", .equal, SQLBind(finding.key))
                    .where("evidence_hash", .equal, SQLBind(finding.evidenceHash)).first(decodingColumn: "id", as: Int64.self) {
                    try await tx.sql.update("findings").set("last_seen_at", to: SQLBind(now)).set("resolved_at", to: SQLLiteral.null)
                        .where("id", .equal, SQLBind(id)).run()
                    seen.insert(id)
                    outcome.unchanged += 1
                } else {
                    let id = try await insert(finding, at: now, tx)
                    seen.insert(id)
                    outcome.new += 1
                }
            }
            outcome.resolved = try await resolveOthers(area: area, codes: codes, except: seen, at: now, tx)
            try await AuditLog.append(tx, actor: actor, action: "supervision.screen", target: "areas/\(area.text)",
                                      after: ["codes": codes.map(\.rawValue).sorted().joined(separator: ","), "new": String(outcome.new),
                                              "unchanged": String(outcome.unchanged), "resolved": String(outcome.resolved)], clock: clock)
            return outcome
        }
    }

    private func insert(_ finding: Finding, at now: String, _ tx: DatabaseTransaction) async throws -> Int64 {
        guard let id = try await tx.sql.insert(into: "findings")
            .columns("code", "village_code", "finding_key", "evidence_hash", "amount_fen", "json", "first_seen_at", "last_seen_at")
            .values(SQLBind(finding.code.rawValue), SQLBind(finding.villageCode), SQLBind(finding.key), SQLBind(finding.evidenceHash),
                    SQLBind(finding.amountFen), SQLBind(finding.jsonLine), SQLBind(now), SQLBind(now))
            .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw FindingStoreError.notStored }
        return id
    }

    /// Open findings of the screened area and codes that this screening did not raise.
    private func resolveOthers(area: AreaCode, codes: Set<FindingCode>, except seen: Set<Int64>, at now: String, _ tx: DatabaseTransaction) async throws -> Int {
        let open = try await tx.sql.raw("""
            SELECT id FROM findings WHERE resolved_at IS NULL AND code IN (\(binds: codes.map(\.rawValue))) AND \(SQLSubtree("village_code", of: area))
            """).all(decodingColumn: "id", as: Int64.self).filter { !seen.contains($0) }
        for chunk in stride(from: 0, to: open.count, by: 500).map({ Array(open[$0 ..< min($0 + 500, open.count)]) }) {
            try await tx.sql.raw("UPDATE findings SET resolved_at = \(bind: now) WHERE id IN (\(binds: chunk))").run()
        }
        return open.count
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

public enum FindingStoreError: Error { case notStored }
