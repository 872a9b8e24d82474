import Foundation
import SQLKit
import VillageWatchCore

/// Every step of an echo wall item, each in one transaction with its audit entry: submitted by a
/// villager (web or Open311), acknowledged and answered by the level that handles it, escalated
/// when late, rated and perhaps reopened by the villager with the receipt code. Routes check
/// `AccessPolicy`; the store enforces the workflow, the limits and the reporters' secrecy.
public struct EchoItemStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let workflow: EchoWorkflow
    let box: SecretBox
    let notifier: any Notifier

    /// Submissions one address may make per hour (an Open311 client, which posts for many
    /// villagers, `hourlyLimitPerClient`), one phone number per day, and receipt codes one
    /// address may get wrong per hour.
    public static let hourlyLimitPerAddress = 5
    public static let hourlyLimitPerClient = 600
    public static let dailyLimitPerPhone = 3
    public static let hourlyFailedLookups = 10

    public init(database: Database, clock: any WallClock = SystemWallClock(), workflow: EchoWorkflow = EchoWorkflow(), box: SecretBox,
                notifier: any Notifier = LogNotifier()) {
        self.database = database
        self.clock = clock
        self.workflow = workflow
        self.box = box
        self.notifier = notifier
    }

    /// Where a submission came from: the portal, or an Open311 client with its key's name.
    public enum Source: Sendable {
        case web(address: String)
        case open311(client: String)

        /// Whose submissions the hourly limit counts, and how many it allows.
        var limited: (key: String, perHour: Int) {
            switch self {
            case .web(let address): ("ip:\(address)", EchoItemStore.hourlyLimitPerAddress)
            case .open311(let client): ("client:\(client)", EchoItemStore.hourlyLimitPerClient)
            }
        }

        var label: String {
            switch self {
            case .web: "web"
            case .open311(let client): "open311:\(client)"
            }
        }

        var actor: AuditActor {
            switch self {
            case .web: .villager
            case .open311(let client): .apiClient(client)
            }
        }
    }

    /// What the villager keeps: the item's number, the secret receipt code, the Open311 token,
    /// and the deadlines it starts with.
    public struct Receipt: Sendable {
        public let id: Int64
        public let code: String
        public let token: String
        public let state: EchoWorkflow.State
    }

    /// Stores a submission after its checks, the rate limits and the duplicate checks: the same
    /// form posted twice (`nonce`), or the same text for the same village within a day.
    public func submit(_ submission: EchoSubmission, from source: Source, nonce: String? = nil) async throws -> Receipt {
        let checked = try submission.checked()
        let now = clock.now(), code = ReceiptCode.generate(), token = ReceiptCode.token()
        let state = workflow.submitted(submission.kind, on: clock.chinaToday)
        let sealed = try checked.reporter.map { try box.seal(Data("\($0.name)\n\($0.phone)".utf8)) }
        let phoneHash = checked.reporter.map { hash("phone", $0.phone) }, ipHash = hash("source", source.limited.key)
        let contentHash = hash("content", "\(submission.village.text)|\(submission.kind.rawValue)|\(checked.text)")
        let id = try await database.transaction { tx in
            try await checkLimits(tx, source: (ipHash, source.limited.perHour), phoneHash: phoneHash, contentHash: contentHash, nonce: nonce, now: now)
            guard try await AreaStore(tx.sql).area(submission.village)?.level == .village else { throw EchoProblem("没有找到该村（居）：\(submission.village)") }
            let publicText = submission.kind.isCadreReport ? nil
                : try await publicVersion(of: checked.text, village: submission.village, reporter: checked.reporter?.name, tx.sql)
            let id = try await insertItem(tx, submission, checked: checked, publicText: publicText, state: state,
                                          hashes: (ReceiptCode.hash(code), token, ipHash, phoneHash, contentHash), sealed: sealed, source: source, now: now)
            for photo in checked.photos {
                try await tx.sql.insert(into: "echo_photos").columns("item_id", "file_name", "content_type", "size", "sha256", "content")
                    .values(SQLBind(id), SQLBind(photo.name), SQLBind(photo.kind.contentType), SQLBind(Int64(photo.bytes.count)),
                            SQLBind(FileDigest.sha256(photo.bytes)), SQLBind(photo.bytes)).run()
            }
            if let nonce { try await tx.sql.insert(into: "echo_form_nonces").columns("nonce", "item_id").values(SQLBind(nonce), SQLBind(id)).run() }
            try await event(tx, id, "submitted", level: state.level, actor: source.label, now: now)
            try await AuditLog.append(tx, actor: source.actor, action: "echo.submit", target: "echo/\(id)",
                                      after: ["kind": submission.kind.rawValue, "category": submission.category.rawValue, "village": submission.village.text,
                                              "anonymous": checked.reporter == nil ? "yes" : "no", "photos": String(checked.photos.count)], clock: clock)
            return id
        }
        await notifier.send(Notification(event: "echo.new", areaCode: state.level.handlerArea(village: submission.village).text, audience: state.level.rawValue,
                                         message: "新的\(submission.kind.chineseName)（编号 \(id)，\(submission.category.chineseName)），请于 \(state.acknowledgeBy!) 前受理、\(state.answerBy) 前答复",
                                         link: "/admin/echo/\(id)"))
        return Receipt(id: id, code: code, token: token, state: state)
    }

    private func checkLimits(_ tx: DatabaseTransaction, source: (hash: String, perHour: Int), phoneHash: String?, contentHash: String, nonce: String?,
                             now: Date) async throws {
        if let nonce, let earlier = try await tx.sql.select().column("item_id").from("echo_form_nonces").where("nonce", .equal, SQLBind(nonce))
            .first(decodingColumn: "item_id", as: Int64.self) {
            throw EchoProblem("这份表单已经提交过（编号 \(earlier)），请勿重复提交")
        }
        let dayAgo = Timestamp.utc(now.addingTimeInterval(-86_400))
        if let earlier = try await tx.sql.select().column("id").from("echo_items").where("content_hash", .equal, SQLBind(contentHash))
            .where("submitted_at", .greaterThan, SQLBind(dayAgo)).first(decodingColumn: "id", as: Int64.self) {
            throw EchoProblem("相同的内容已于 24 小时内提交（编号 \(earlier)），请勿重复提交")
        }
        guard try await count(tx, "ip_hash", source.hash, since: now.addingTimeInterval(-3600)) < source.perHour else {
            throw EchoProblem("提交过于频繁，请一小时后再试")
        }
        if let phoneHash, try await count(tx, "phone_hash", phoneHash, since: now.addingTimeInterval(-86_400)) >= Self.dailyLimitPerPhone {
            throw EchoProblem("同一手机号码每天最多提交 \(Self.dailyLimitPerPhone) 件")
        }
    }

    private func count(_ tx: DatabaseTransaction, _ column: String, _ hash: String, since: Date) async throws -> Int {
        try await tx.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("echo_items")
            .where(SQLIdentifier(column), .equal, SQLBind(hash)).where("submitted_at", .greaterThan, SQLBind(Timestamp.utc(since)))
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Text as public pages show it: the names the registry knows in the village (and the
    /// reporter's own) and every number masked, once, when the text is stored.
    func publicVersion(of text: String, village: AreaCode, reporter: String?, _ db: any SQLDatabase) async throws -> String {
        let names = try await PersonStore(db).names(inVillages: [village]).union(reporter.map { [$0] } ?? [])
        return Masking.numbers(in: Masking.names(in: text, isPerson: names.contains))
    }

    private func insertItem(_ tx: DatabaseTransaction, _ submission: EchoSubmission, checked: EchoSubmission.Checked, publicText: String?, state: EchoWorkflow.State,
                            hashes: (receipt: String, token: String, ip: String, phone: String?, content: String), sealed: String?,
                            source: Source, now: Date) async throws -> Int64 {
        let at = Timestamp.utc(now)
        guard let id = try await tx.sql.insert(into: "echo_items")
            .columns("receipt_hash", "token", "kind", "category", "village_code", "level", "status", "text", "public_text", "reporter_sealed", "phone_hash", "ip_hash",
                     "content_hash", "source", "submitted_at", "acknowledge_by", "answer_by", "answered_late", "reopened", "escalations", "updated_at")
            .values(SQLBind(hashes.receipt), SQLBind(hashes.token), SQLBind(submission.kind.rawValue), SQLBind(submission.category.rawValue),
                    SQLBind(submission.village.text), SQLBind(state.level.rawValue), SQLBind(state.status.rawValue), SQLBind(checked.text), SQLBind(publicText), SQLBind(sealed),
                    SQLBind(hashes.phone), SQLBind(hashes.ip), SQLBind(hashes.content), SQLBind(source.label), SQLBind(at),
                    SQLBind(state.acknowledgeBy?.description), SQLBind(state.answerBy.description), SQLBind(Int64(0)), SQLBind(Int64(0)), SQLBind(Int64(0)),
                    SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) else { throw EchoProblem("无法保存") }
        return id
    }

    /// One line of the item's public timeline.
    func event(_ tx: DatabaseTransaction, _ id: Int64, _ action: String, level: EchoLevel, actor: String, now: Date) async throws {
        try await tx.sql.insert(into: "echo_events").columns("item_id", "action", "level", "actor", "at")
            .values(SQLBind(id), SQLBind(action), SQLBind(level.rawValue), SQLBind(actor), SQLBind(Timestamp.utc(now))).run()
    }

    /// Keyed, so that the stored fingerprints of phones and addresses cannot be reversed by
    /// trying every number (see `SecretBox.fingerprint`).
    func hash(_ purpose: String, _ value: String) -> String { box.fingerprint("vw-echo-\(purpose)", value) }

    public func item(_ id: Int64) async throws -> StoredEchoItem? {
        try await database.read { try await Self.item(id, $0) }
    }

    static func item(_ id: Int64, _ db: any SQLDatabase) async throws -> StoredEchoItem? {
        try await db.raw("SELECT * FROM echo_items WHERE id = \(bind: id)").first().map(StoredEchoItem.init)
    }

    public func item(token: String) async throws -> StoredEchoItem? {
        try await database.read { try await $0.raw("SELECT * FROM echo_items WHERE token = \(bind: token)").first().map(StoredEchoItem.init) }
    }
}
