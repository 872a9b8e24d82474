import Crypto
import Foundation
import SQLKit
import VillageWatchCore
import VillageWatchTransparency

/// Every change to publications: drafting, submitting, signing off (which publishes and appends
/// the version to the public log in the same transaction), returning, amending and withdrawing.
/// Each change is audited in its transaction. Routes check `AccessPolicy` before calling; the
/// store enforces what only it can see (workflow state, the signer not being the author).
public struct PublicationStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let log: TransparencyLog

    public init(database: Database, log: TransparencyLog, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.log = log
        self.clock = clock
    }

    /// Creates a publication with its first version as a draft.
    public func createDraft(_ draft: PublicationDraft, village: AreaCode, by principal: Principal) async throws -> (publication: Int64, version: Int64) {
        try await database.transaction { tx in try await createDraft(draft, village: village, by: principal, in: tx) }
    }

    /// Creates a draft inside the caller's transaction, so a module can store what belongs to
    /// the draft (a finance statement's lines) atomically with it.
    public func createDraft(_ draft: PublicationDraft, village: AreaCode, by principal: Principal,
                            in tx: DatabaseTransaction) async throws -> (publication: Int64, version: Int64) {
        let dates = try validateDates(draft)
        let (title, body) = try validateText(draft)
        let attachments = try draft.attachments.map(checkAttachment)
        let now = Timestamp.utc(clock.now())
        guard let publicationID = try await tx.sql.insert(into: "publications")
            .columns("village_code", "kind", "category", "period", "decided_on", "vote_on", "created_at", "created_by")
            .values(SQLBind(village.text), SQLBind(draft.kind.rawValue), SQLBind(draft.category.rawValue), SQLBind(dates.period?.description),
                    SQLBind(dates.decidedOn?.description), SQLBind(dates.voteOn?.description), SQLBind(now), SQLBind(principal.username))
            .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw PublicationProblem("无法保存") }
        let versionID = try await insertVersion(tx, publication: publicationID, number: 1, title: title, body: body, withdrawal: false,
                                                reason: nil, attachments: attachments, by: principal)
        try await AuditLog.append(tx, actor: principal.auditActor, action: "publication.draft", target: "publications/\(publicationID)",
                                  after: ["title": title, "kind": draft.kind.rawValue, "village": village.text], clock: clock)
        return (publicationID, versionID)
    }

    /// A new draft version of a published publication: an amendment (new text) or a withdrawal.
    public func amend(_ publicationID: Int64, title: String, body: String, reason: String, withdrawal: Bool,
                      attachments: [(fileName: String, bytes: Data)], by principal: Principal) async throws -> Int64 {
        try await database.transaction { tx in
            try await amend(publicationID, title: title, body: body, reason: reason, withdrawal: withdrawal, attachments: attachments, by: principal, in: tx)
        }
    }

    /// An amendment or withdrawal inside the caller's transaction.
    public func amend(_ publicationID: Int64, title: String, body: String, reason: String, withdrawal: Bool,
                      attachments: [(fileName: String, bytes: Data)], by principal: Principal, in tx: DatabaseTransaction) async throws -> Int64 {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw PublicationProblem(withdrawal ? "撤回须说明理由" : "更正须说明理由") }
        let draftText = PublicationDraft(kind: .village, category: .regular, title: title, body: withdrawal ? reason : body)
        let (cleanTitle, cleanBody) = try validateText(draftText)
        let checked = try attachments.map(checkAttachment)
        let versions = try await PublicationReader(tx.sql).versions(of: publicationID)
        guard versions.contains(where: { $0.status == .published }) else { throw PublicationProblem("只有已公开的事项才能更正或撤回") }
        guard !versions.contains(where: { [.draft, .submitted, .returned].contains($0.status) }) else {
            throw PublicationProblem("该事项已有未完成的新版本，请先处理")
        }
        let number = (versions.map(\.version).max() ?? 0) + 1
        let id = try await insertVersion(tx, publication: publicationID, number: number, title: cleanTitle, body: cleanBody,
                                         withdrawal: withdrawal, reason: reason, attachments: checked, by: principal)
        try await AuditLog.append(tx, actor: principal.auditActor, action: withdrawal ? "publication.withdraw-draft" : "publication.amend-draft",
                                  target: "publications/\(publicationID)/versions/\(number)", after: ["reason": reason], clock: clock)
        return id
    }

    /// New text for a version not yet signed off (a draft, or one the committee returned): it
    /// becomes a draft again and must be submitted anew. Signed-off versions never change.
    public func revise(version versionID: Int64, title: String, body: String, by principal: Principal, in tx: DatabaseTransaction) async throws {
        let (cleanTitle, cleanBody) = try validateText(PublicationDraft(kind: .village, category: .regular, title: title, body: body))
        guard let version = try await PublicationReader(tx.sql).version(versionID), [.draft, .returned].contains(version.status) else {
            throw PublicationProblem("只有草稿或退回修改的版本可以修改")
        }
        try await tx.sql.update("publication_versions").set("title", to: SQLBind(cleanTitle)).set("body_html", to: SQLBind(cleanBody))
            .set("status", to: SQLBind(VersionStatus.draft.rawValue)).where("id", .equal, SQLBind(versionID)).run()
        try await AuditLog.append(tx, actor: principal.auditActor, action: "publication.revise",
                                  target: "publications/\(version.publicationID)/versions/\(version.version)",
                                  before: ["status": version.status.rawValue, "title": version.title], after: ["title": cleanTitle], clock: clock)
    }

    /// Applies a workflow action to a version. Signing off publishes: the version gets its
    /// publication time and its leaf in the public log, atomically; then a checkpoint is signed.
    public func apply(_ action: WorkflowAction, version versionID: Int64, note: String = "", by principal: Principal) async throws {
        let published = try await database.transaction { tx -> Bool in
            let reader = PublicationReader(tx.sql)
            guard let version = try await reader.version(versionID), let publication = try await reader.publication(version.publicationID) else {
                throw PublicationProblem("没有找到该公开事项")
            }
            let next = try PublicationWorkflow.next(after: action, from: version.status)
            if action == .signOff, version.author == principal.username { throw PublicationProblem("起草人不能审核自己起草的事项") }
            let now = clock.now()
            var update = tx.sql.update("publication_versions").set("status", to: SQLBind(next.rawValue))
            switch action {
            case .submit: update = update.set("submitted_at", to: SQLBind(Timestamp.utc(now)))
            case .returnForChanges: update = update.set("review_note", to: SQLBind(note))
            case .signOff:
                update = update.set("signed_off_by", to: SQLBind(principal.username)).set("published_at", to: SQLBind(Timestamp.utc(now)))
                    .set("published_on", to: SQLBind(String(Timestamp.chinaStandardTime(now).prefix(10))))
            case .edit: break
            }
            try await update.where("id", .equal, SQLBind(versionID)).run()
            if action == .signOff, let published = try await PublicationReader(tx.sql).version(versionID) {
                try await publish(tx, [(publication, published)])
            }
            try await AuditLog.append(tx, actor: principal.auditActor, action: "publication.\(action.rawValue)",
                                      target: "publications/\(publication.id)/versions/\(version.version)",
                                      before: ["status": version.status.rawValue], after: ["status": next.rawValue, "note": note], clock: clock)
            return action == .signOff
        }
        if published { try await log.checkpoint() }
    }

    /// A publication made before the platform was used (on the village notice board), with its
    /// original publication time; `amending` names the publication it corrects.
    public struct HistoricalRecord: Sendable {
        public let draft: PublicationDraft
        public let publishedAt: Date
        public let amending: Int64?
        public let reason: String?

        public init(draft: PublicationDraft, publishedAt: Date, amending: Int64? = nil, reason: String? = nil) {
            self.draft = draft; self.publishedAt = publishedAt; self.amending = amending; self.reason = reason
        }
    }

    /// Records historical publications of one village as published: same validation, same log
    /// leaves and search index as a signed-off version, one audit entry for the batch. Returns
    /// the publication id of each record.
    public func recordPublished(_ records: [HistoricalRecord], village: AreaCode, author: String, signedOffBy: String,
                                in tx: DatabaseTransaction) async throws -> [Int64] {
        var published: [(Publication, PublicationVersion)] = []
        for record in records {
            let dates = try validateDates(record.draft)
            let (title, body) = try validateText(record.draft)
            let attachments = try record.draft.attachments.map(checkAttachment)
            let at = Timestamp.utc(record.publishedAt)
            let publication: Publication
            if let id = record.amending {
                guard let existing = try await PublicationReader(tx.sql).publication(id) else { throw PublicationProblem("没有找到被更正的事项") }
                publication = existing
            } else {
                guard let id = try await tx.sql.insert(into: "publications")
                    .columns("village_code", "kind", "category", "period", "decided_on", "vote_on", "created_at", "created_by")
                    .values(SQLBind(village.text), SQLBind(record.draft.kind.rawValue), SQLBind(record.draft.category.rawValue),
                            SQLBind(dates.period?.description), SQLBind(dates.decidedOn?.description), SQLBind(dates.voteOn?.description),
                            SQLBind(at), SQLBind(author))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw PublicationProblem("无法保存") }
                publication = Publication(id: id, villageCode: village, kind: record.draft.kind, category: record.draft.category,
                                          period: dates.period, decidedOn: dates.decidedOn, voteOn: dates.voteOn, createdBy: author)
            }
            let stored = try await PublicationReader(tx.sql).versions(of: publication.id).map(\.version).max() ?? 0
            let number = max(stored, published.filter { $0.0.id == publication.id }.map(\.1.version).max() ?? 0)
            let principal = Principal(userID: 0, username: author, displayName: author, role: .villageClerk, scope: village)
            let versionID = try await insertVersion(tx, publication: publication.id, number: number + 1, title: title, body: body, withdrawal: false,
                                                    reason: record.reason, attachments: attachments, by: principal)
            try await tx.sql.update("publication_versions").set("status", to: SQLBind(VersionStatus.published.rawValue))
                .set("signed_off_by", to: SQLBind(signedOffBy)).set("published_at", to: SQLBind(at))
                .set("published_on", to: SQLBind(String(Timestamp.chinaStandardTime(record.publishedAt).prefix(10))))
                .where("id", .equal, SQLBind(versionID)).run()
            published.append((publication, PublicationVersion(
                id: versionID, publicationID: publication.id, version: number + 1, title: title, bodyHTML: body, status: .published,
                withdrawal: false, reason: record.reason, author: author, reviewNote: nil, signedOffBy: signedOffBy, publishedAt: at,
                logIndex: nil, attachments: [])))
        }
        try await publish(tx, published)
        try await AuditLog.append(tx, actor: .system, action: "publication.record-historical", target: "areas/\(village.text)",
                                  after: ["versions": published.count], clock: clock)
        return published.map(\.0.id)
    }

    /// Appends published versions to the log, records their log indexes and indexes their
    /// words for search.
    private func publish(_ tx: DatabaseTransaction, _ versions: [(Publication, PublicationVersion)]) async throws {
        guard !versions.isEmpty else { return }
        let leaves = try versions.map { TransparencyLog.Leaf(kind: PublicationLogSource.kind, ref: String($0.1.id), bytes: try PublicationRecord($0.0, $0.1).bytes) }
        try await TransparencyLog.append(tx, leaves: leaves, clock: clock)
        let ids = versions.map(\.1.id)
        try await tx.sql.raw("""
            UPDATE publication_versions SET log_index = (SELECT l.idx FROM log_leaves l WHERE l.kind = \(bind: PublicationLogSource.kind)
            AND l.ref = CAST(publication_versions.id AS TEXT)) WHERE id IN (\(binds: ids))
            """).run()
        let terms = versions.flatMap { pair in SearchTerms.terms(pair.1.title + " " + RichText.plainText(pair.1.bodyHTML)).map { ($0, pair.1.id) } }
        for start in stride(from: 0, to: terms.count, by: 5000) {
            var insert = tx.sql.insert(into: "publication_terms").columns("term", "version_id")
            for (term, id) in terms[start ..< min(start + 5000, terms.count)] { insert = insert.values(SQLBind(term), SQLBind(id)) }
            try await insert.run()
        }
    }

    private func insertVersion(_ tx: DatabaseTransaction, publication: Int64, number: Int, title: String, body: String, withdrawal: Bool,
                               reason: String?, attachments: [CheckedAttachment], by principal: Principal) async throws -> Int64 {
        guard let id = try await tx.sql.insert(into: "publication_versions")
            .columns("publication_id", "version", "title", "body_html", "status", "withdrawal", "reason", "author", "created_at")
            .values(SQLBind(publication), SQLBind(number), SQLBind(title), SQLBind(body), SQLBind(VersionStatus.draft.rawValue),
                    SQLBind(withdrawal), SQLBind(reason), SQLBind(principal.username), SQLBind(Timestamp.utc(clock.now())))
            .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw PublicationProblem("无法保存") }
        for attachment in attachments {
            try await tx.sql.insert(into: "publication_attachments").columns("version_id", "file_name", "content_type", "size", "sha256", "content")
                .values(SQLBind(id), SQLBind(attachment.name), SQLBind(attachment.kind.contentType), SQLBind(Int64(attachment.bytes.count)),
                        SQLBind(attachment.sha256), SQLBind(attachment.bytes)).run()
        }
        return id
    }

    struct CheckedAttachment { let name: String; let kind: AttachmentKind; let bytes: Data; let sha256: String }

    private func checkAttachment(_ file: (fileName: String, bytes: Data)) throws -> CheckedAttachment {
        let kind: AttachmentKind
        do { kind = try AttachmentCheck.check(fileName: file.fileName, bytes: file.bytes) } catch { throw PublicationProblem("附件 \(AttachmentCheck.safeFileName(file.fileName))：\(error.reason)") }
        return CheckedAttachment(name: AttachmentCheck.safeFileName(file.fileName), kind: kind, bytes: file.bytes,
                                 sha256: SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined())
    }

    private func validateText(_ draft: PublicationDraft) throws -> (String, String) {
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines).filter { !$0.isNewline && $0.asciiValue.map { $0 >= 32 } ?? true }
        guard !title.isEmpty, title.count <= 200 else { throw PublicationProblem("标题不能为空，且不超过 200 字") }
        let body = RichText.sanitize(draft.body)
        guard !RichText.plainText(body).isEmpty else { throw PublicationProblem("正文不能为空") }
        guard body.utf8.count <= 200_000 else { throw PublicationProblem("正文过长") }
        return (title, body)
    }

    struct Dates { let period: PublicationPeriod?; let decidedOn: CalendarDate?; let voteOn: CalendarDate? }

    /// Periods and dates by category; nothing may be dated in the future except a vote that a
    /// proposal announces.
    private func validateDates(_ draft: PublicationDraft) throws -> Dates {
        let today = clock.chinaToday
        func date(_ text: String, _ label: String) throws -> CalendarDate? {
            guard !text.isEmpty else { return nil }
            guard let date = CalendarDate(parsing: text) else { throw PublicationProblem("\(label)格式应为 YYYY-MM-DD") }
            return date
        }
        let decided = try date(draft.decidedOn, "决定日期"), vote = try date(draft.voteOn, "表决日期")
        if let decided, decided > today { throw PublicationProblem("决定日期不能晚于今天") }
        switch draft.category {
        case .regular:
            guard let period = PublicationPeriod(parsing: draft.period) else {
                throw PublicationProblem(draft.kind == .finance ? "请填写公开月份，如 2026-10" : "请填写公开季度，如 2026-Q3，或月份")
            }
            guard period.firstDay <= today else { throw PublicationProblem("不能公开尚未开始的期间 \(period)") }
            return Dates(period: period, decidedOn: decided, voteOn: nil)
        case .major, .resolution:
            guard let decided else { throw PublicationProblem("请填写决定（表决）日期") }
            return Dates(period: nil, decidedOn: decided, voteOn: draft.category == .resolution ? decided : nil)
        case .proposal:
            guard let vote else { throw PublicationProblem("请填写计划表决日期") }
            return Dates(period: nil, decidedOn: nil, voteOn: vote)
        default:
            return Dates(period: PublicationPeriod(parsing: draft.period), decidedOn: decided, voteOn: nil)
        }
    }
}
