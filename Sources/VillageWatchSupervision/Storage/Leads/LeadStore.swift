import SQLKit
import VillageWatchCore

/// Every step of a lead, each audited in its transaction: opened from a finding and assigned,
/// verification notes, and the outcome. Routes check `AccessPolicy`; the store enforces what
/// only it can see (one lead per finding, the workflow's rules).
public struct LeadStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Opens a lead on a finding, assigned to an officer (`assignee`) or the village's committee.
    public func open(finding: StoredFinding, assignee: String?, dueOn: CalendarDate, by principal: Principal) async throws -> Int64 {
        try await database.transaction { tx in
            if try await tx.sql.select().column("id").from("leads").where("finding_id", .equal, SQLBind(finding.id)).first() != nil {
                throw LeadProblem("该发现已立为线索")
            }
            let now = Timestamp.utc(clock.now())
            guard let id = try await tx.sql.insert(into: "leads")
                .columns("finding_id", "code", "village_code", "assignee", "committee", "status", "due_on", "created_by", "created_at",
                         "recovered_fen", "benefit_stopped", "filing_added", "referred")
                .values(SQLBind(finding.id), SQLBind(finding.code.rawValue), SQLBind(finding.villageCode), SQLBind(assignee), SQLBind(assignee == nil),
                        SQLBind(LeadStatus.open.rawValue), SQLBind(dueOn.description), SQLBind(principal.username), SQLBind(now),
                        SQLBind(Int64(0)), SQLBind(false), SQLBind(false), SQLBind(false))
                .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw LeadProblem("无法保存") }
            try await AuditLog.append(tx, actor: principal.auditActor, action: "lead.open", target: "leads/\(id)",
                                      after: ["finding": String(finding.id), "assignee": assignee ?? "committee:\(finding.villageCode)",
                                              "due_on": dueOn.description], clock: clock)
            return id
        }
    }

    /// A verification note; the first one moves an open lead to verifying.
    public func addNote(lead id: Int64, note: String, by principal: Principal) async throws {
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2000 else { throw LeadProblem("请填写核实情况（2000 字以内）") }
        try await database.transaction { tx in
            guard let lead = try await Self.lead(id, tx.sql) else { throw LeadProblem("没有找到该线索") }
            guard !lead.status.isClosed else { throw LeadProblem("该线索已办结") }
            try await tx.sql.insert(into: "lead_notes").columns("lead_id", "author", "note", "created_at")
                .values(SQLBind(id), SQLBind(principal.username), SQLBind(text), SQLBind(Timestamp.utc(clock.now()))).run()
            if lead.status == .open {
                try await tx.sql.update("leads").set("status", to: SQLBind(LeadStatus.verifying.rawValue)).where("id", .equal, SQLBind(id)).run()
            }
            try await AuditLog.append(tx, actor: principal.auditActor, action: "lead.note", target: "leads/\(id)", after: ["note": text], clock: clock)
        }
    }

    public func close(lead id: Int64, outcome: LeadOutcome, by principal: Principal) async throws {
        try await database.transaction { tx in
            guard let lead = try await Self.lead(id, tx.sql) else { throw LeadProblem("没有找到该线索") }
            try LeadWorkflow.check(outcome, status: lead.status, code: lead.code)
            var update = tx.sql.update("leads").set("status", to: SQLBind(outcome.status.rawValue)).set("closed_at", to: SQLBind(Timestamp.utc(clock.now())))
            switch outcome {
            case .confirmed(let recovered, let stopped, let filed, let referred, let summary):
                update = update.set("recovered_fen", to: SQLBind(recovered)).set("benefit_stopped", to: SQLBind(stopped))
                    .set("filing_added", to: SQLBind(filed)).set("referred", to: SQLBind(referred)).set("outcome", to: SQLBind(summary))
            case .cleared(let reason):
                update = update.set("outcome", to: SQLBind(reason))
            }
            try await update.where("id", .equal, SQLBind(id)).run()
            try await AuditLog.append(tx, actor: principal.auditActor, action: "lead.close", target: "leads/\(id)",
                                      before: ["status": lead.status.rawValue], after: ["status": outcome.status.rawValue], clock: clock)
        }
    }

    public func lead(_ id: Int64) async throws -> StoredLead? { try await database.read { try await Self.lead(id, $0) } }

    public func lead(forFinding findingID: Int64) async throws -> StoredLead? {
        try await database.read { try await $0.raw("SELECT * FROM leads WHERE finding_id = \(bind: findingID)").first().map(StoredLead.init) }
    }

    static func lead(_ id: Int64, _ db: any SQLDatabase) async throws -> StoredLead? {
        try await db.raw("SELECT * FROM leads WHERE id = \(bind: id)").first().map(StoredLead.init)
    }

    public func notes(lead id: Int64) async throws -> [(author: String, note: String, at: String)] {
        try await database.read { db in
            try await db.raw("SELECT author, note, created_at FROM lead_notes WHERE lead_id = \(bind: id) ORDER BY id").all().map {
                (try $0.decode(column: "author", as: String.self), try $0.decode(column: "note", as: String.self), try $0.decode(column: "created_at", as: String.self))
            }
        }
    }

    /// Leads of an area (open ones first by deadline), or only those a committee verifies.
    public func list(within area: AreaCode, committeeOnly: Bool) async throws -> [StoredLead] {
        try await database.read { db in
            var query: SQLQueryString = "SELECT * FROM leads WHERE \(SQLSubtree("village_code", of: area))"
            if committeeOnly { query += " AND committee = \(bind: true)" }
            query += " ORDER BY closed_at IS NOT NULL, due_on, id"
            return try await db.raw(query).all().map(StoredLead.init)
        }
    }
}
