import Foundation
import SQLKit
import VillageWatchCore

extension EchoItemStore {
    /// The handler at `level` takes the item on (受理). Routes have checked the level's answer
    /// permission; the store refuses if the item has moved to another level meanwhile.
    public func acknowledge(_ id: Int64, at level: EchoLevel, by principal: Principal) async throws {
        try await database.transaction { tx in
            let item = try await Self.lockedItem(id, tx, at: level)
            guard item.status.awaitsAnswer, item.acknowledgedAt == nil else { throw EchoProblem("该事项已受理") }
            let now = clock.now()
            try await tx.sql.update("echo_items").set("status", to: SQLBind(EchoStatus.acknowledged.rawValue))
                .set("acknowledged_at", to: SQLBind(Timestamp.utc(now))).set("acknowledge_by", to: SQLBind(String?.none))
                .set("updated_at", to: SQLBind(Timestamp.utc(now))).where("id", .equal, SQLBind(id)).run()
            try await event(tx, id, "acknowledged", level: item.level, actor: principal.username, now: now)
            try await AuditLog.append(tx, actor: principal.auditActor, action: "echo.acknowledge", target: "echo/\(id)", clock: clock)
        }
    }

    /// The answer from the handler at `level`, public once given (masked like the text);
    /// acknowledges the item if that was not done yet. A real-name villager is told by the notifier.
    public func answer(_ id: Int64, text: String, at level: EchoLevel, by principal: Principal) async throws {
        let reporter = try await sealedReporter(id)
        let item = try await database.transaction { tx in
            let item = try await Self.lockedItem(id, tx, at: level)
            let text = try workflow.check(answer: text, status: item.status)
            let published = try await publicVersion(of: text, village: item.village, reporter: reporter?.name, tx.sql)
            let now = clock.now(), today = clock.chinaToday, at = Timestamp.utc(now)
            let late = today > item.state.answerBy
            let days = workflow.calendar.workingDays(after: Self.chinaDate(item.submittedAt), through: today)
            try await tx.sql.update("echo_items").set("status", to: SQLBind(EchoStatus.answered.rawValue)).set("answer", to: SQLBind(text)).set("public_answer", to: SQLBind(published))
                .set("answered_at", to: SQLBind(at)).set("answered_by", to: SQLBind(principal.username))
                .set("answered_late", to: SQLBind(Int64(late || item.answeredLate ? 1 : 0))).set("response_days", to: SQLBind(Int64(days)))
                .set("acknowledged_at", to: SQLBind(item.acknowledgedAt ?? at)).set("acknowledge_by", to: SQLBind(String?.none))
                .set("updated_at", to: SQLBind(at)).where("id", .equal, SQLBind(id)).run()
            try await event(tx, id, "answered", level: item.level, actor: principal.username, now: now)
            try await AuditLog.append(tx, actor: principal.auditActor, action: "echo.answer", target: "echo/\(id)",
                                      before: ["status": item.status.rawValue], after: ["status": EchoStatus.answered.rawValue, "late": late ? "yes" : "no"],
                                      clock: clock)
            return item
        }
        if let phone = reporter?.phone {
            await notifier.send(Notification(event: "echo.answered", areaCode: item.villageCode, audience: "villager",
                                             message: "您反映的\(item.kind.chineseName)（编号 \(id)）已答复，请凭回执码查看并评价。", phone: phone,
                                             link: "/echo/track"))
        }
    }

    /// Moves every late item one level up (village → town → commission) with fresh deadlines and
    /// tells the next level. Run by the server every few minutes and by `villagewatch echo escalate`;
    /// safe to run on several instances at once (each item is re-read under its row lock).
    @discardableResult
    public func escalateOverdue() async throws -> [Int64] {
        let today = clock.chinaToday
        let candidates = try await database.read { db in
            try await db.raw("""
                SELECT id FROM echo_items WHERE status IN (\(binds: EchoStatus.awaitingAnswer)) AND level <> 'commission'
                AND (answer_by < \(bind: today.description) OR acknowledge_by < \(bind: today.description)) ORDER BY id
                """).all(decodingColumn: "id", as: Int64.self)
        }
        var escalated: [Int64] = []
        for id in candidates {
            guard let (item, up) = try await escalate(id, on: today) else { continue }
            escalated.append(id)
            await notifier.send(Notification(event: "echo.escalated", areaCode: up.level.handlerArea(village: item.village).text, audience: up.level.rawValue,
                                             message: "\(item.level.chineseName)逾期未办的\(item.kind.chineseName)（编号 \(id)）已升级至\(up.level.chineseName)，请于 \(up.answerBy) 前答复",
                                             link: "/admin/echo/\(id)"))
        }
        return escalated
    }

    private func escalate(_ id: Int64, on today: CalendarDate) async throws -> (StoredEchoItem, EchoWorkflow.State)? {
        try await database.transaction { tx in
            let item = try await Self.lockedItem(id, tx)
            guard let up = workflow.escalated(item.state, on: today) else { return nil }
            let now = clock.now()
            try await tx.sql.update("echo_items").set("level", to: SQLBind(up.level.rawValue)).set("answer_by", to: SQLBind(up.answerBy.description))
                .set("acknowledge_by", to: SQLBind(up.acknowledgeBy?.description)).set("answered_late", to: SQLBind(Int64(1)))
                .set("escalations", to: SQLBind(Int64(item.escalations + 1))).set("updated_at", to: SQLBind(Timestamp.utc(now)))
                .where("id", .equal, SQLBind(id)).run()
            try await event(tx, id, "escalated", level: up.level, actor: "system", now: now)
            try await AuditLog.append(tx, actor: .system, action: "echo.escalate", target: "echo/\(id)",
                                      before: ["level": item.level.rawValue, "answer_by": item.state.answerBy.description],
                                      after: ["level": up.level.rawValue, "answer_by": up.answerBy.description], clock: clock)
            return (item, up)
        }
    }

    /// The reporter's name and phone for a handler who needs to call back; every view is audited.
    /// Routes have checked that the principal answers items at the item's level.
    public func reporter(_ id: Int64, by principal: Principal) async throws -> (name: String, phone: String)? {
        guard let reporter = try await sealedReporter(id) else { return nil }
        try await database.transaction { tx in
            try await AuditLog.append(tx, actor: principal.auditActor, action: "echo.reporter-view", target: "echo/\(id)", clock: clock)
        }
        return reporter
    }

    private func sealedReporter(_ id: Int64) async throws -> (name: String, phone: String)? {
        guard let sealed = try await database.read({ db in
            try await db.raw("SELECT reporter_sealed FROM echo_items WHERE id = \(bind: id)").first(decodingColumn: "reporter_sealed", as: String?.self)
        }) ?? nil else { return nil }
        let parts = String(decoding: try box.open(sealed), as: UTF8.self).split(separator: "\n", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// The item under its row lock (PostgreSQL; SQLite's writer lock covers the transaction),
    /// refused when it is no longer at `level`.
    static func lockedItem(_ id: Int64, _ tx: DatabaseTransaction, at level: EchoLevel? = nil) async throws -> StoredEchoItem {
        let lock = tx.engine == .postgres ? " FOR UPDATE" : ""
        guard let item = try await tx.sql.raw("SELECT * FROM echo_items WHERE id = \(bind: id)\(unsafeRaw: lock)").first().map(StoredEchoItem.init) else {
            throw EchoProblem("没有找到该事项")
        }
        if let level, item.level != level { throw EchoProblem("该事项已转由\(item.level.chineseName)办理，请刷新页面") }
        return item
    }

    /// The China Standard Time date of a stored UTC timestamp.
    static func chinaDate(_ utc: String) -> CalendarDate {
        CalendarDate(parsing: String(Timestamp.chinaStandardTime(utc: utc).prefix(10)))!
    }
}
