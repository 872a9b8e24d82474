import Crypto
import Foundation
import SQLKit
import VillageWatchCore
import VillageWatchPublications

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

    /// A verification note with its evidence files (photos, scans, PDF — checked by content, at
    /// most six of 10 MB); the first note moves an open lead to verifying.
    public func addNote(lead id: Int64, note: String, attachments: [(fileName: String, bytes: Data)] = [], by principal: Principal) async throws {
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2000 else { throw LeadProblem("请填写核实情况（2000 字以内）") }
        guard attachments.count <= 6 else { throw LeadProblem("每条核实记录最多 6 个附件") }
        let checked = try attachments.map { file -> (String, AttachmentKind, Data) in
            do throws(AttachmentProblem) {
                return (AttachmentCheck.safeFileName(file.fileName), try AttachmentCheck.check(fileName: file.fileName, bytes: file.bytes), file.bytes)
            } catch { throw LeadProblem(error.reason) }
        }
        try await database.transaction { tx in
            guard let lead = try await Self.lead(id, tx.sql) else { throw LeadProblem("没有找到该线索") }
            guard !lead.status.isClosed else { throw LeadProblem("该线索已办结") }
            guard let noteID = try await tx.sql.insert(into: "lead_notes").columns("lead_id", "author", "note", "created_at")
                .values(SQLBind(id), SQLBind(principal.username), SQLBind(text), SQLBind(Timestamp.utc(clock.now())))
                .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw LeadProblem("无法保存") }
            for (name, kind, bytes) in checked {
                try await tx.sql.insert(into: "lead_attachments").columns("lead_id", "note_id", "file_name", "content_type", "size", "sha256", "content")
                    .values(SQLBind(id), SQLBind(noteID), SQLBind(name), SQLBind(kind.contentType), SQLBind(Int64(bytes.count)),
                            SQLBind(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()), SQLBind(bytes)).run()
            }
            if lead.status == .open {
                try await tx.sql.update("leads").set("status", to: SQLBind(LeadStatus.verifying.rawValue)).where("id", .equal, SQLBind(id)).run()
            }
            try await AuditLog.append(tx, actor: principal.auditActor, action: "lead.note", target: "leads/\(id)",
                                      after: ["note": text, "attachments": checked.map(\.0).joined(separator: ",")], clock: clock)
        }
    }

    /// The files of a lead's notes (without content), by note.
    public func attachments(lead id: Int64) async throws -> [Int64: [(id: Int64, name: String, size: Int64)]] {
        try await database.read { db in
            var result: [Int64: [(Int64, String, Int64)]] = [:]
            for row in try await db.raw("SELECT id, note_id, file_name, size FROM lead_attachments WHERE lead_id = \(bind: id) ORDER BY id").all() {
                result[try row.decode(column: "note_id", as: Int64.self), default: []].append(
                    (try row.decode(column: "id", as: Int64.self), try row.decode(column: "file_name", as: String.self), try row.decode(column: "size", as: Int64.self)))
            }
            return result
        }
    }

    /// One attachment with its lead, for the access check before it is served.
    public func attachment(_ id: Int64) async throws -> (leadID: Int64, name: String, contentType: String, content: Data)? {
        try await database.read { db in
            try await db.raw("SELECT lead_id, file_name, content_type, content FROM lead_attachments WHERE id = \(bind: id)").first().map {
                (try $0.decode(column: "lead_id", as: Int64.self), try $0.decode(column: "file_name", as: String.self),
                 try $0.decode(column: "content_type", as: String.self), try $0.decode(column: "content", as: Data.self))
            }
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

    public func notes(lead id: Int64) async throws -> [(id: Int64, author: String, note: String, at: String)] {
        try await database.read { db in
            try await db.raw("SELECT id, author, note, created_at FROM lead_notes WHERE lead_id = \(bind: id) ORDER BY id").all().map {
                (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "author", as: String.self), try $0.decode(column: "note", as: String.self),
                 try $0.decode(column: "created_at", as: String.self))
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
