import Foundation
import SQLKit
import VillageWatchCore

extension EchoItemStore {
    /// The item of a receipt code. Wrong codes are counted per address; after
    /// `hourlyFailedLookups` in an hour the address is refused even a right one, so codes cannot
    /// be guessed by trying.
    public func item(receipt code: String, address: String) async throws -> StoredEchoItem {
        let ipHash = hash("lookup", address), now = clock.now()
        let hourAgo = Timestamp.utc(now.addingTimeInterval(-3600))
        let found = try await database.transaction { tx -> StoredEchoItem? in
            let failures = try await tx.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("echo_lookup_failures")
                .where("ip_hash", .equal, SQLBind(ipHash)).where("at", .greaterThan, SQLBind(hourAgo)).first(decodingColumn: "n", as: Int.self) ?? 0
            guard failures < Self.hourlyFailedLookups else { throw EchoProblem("查询次数过多，请一小时后再试") }
            guard let item = try await tx.sql.raw("SELECT * FROM echo_items WHERE receipt_hash = \(bind: ReceiptCode.hash(code))").first()
                .map(StoredEchoItem.init) else {
                // Recorded, not thrown: a refusal would roll the count back.
                try await tx.sql.insert(into: "echo_lookup_failures").columns("ip_hash", "at").values(SQLBind(ipHash), SQLBind(Timestamp.utc(now))).run()
                return nil
            }
            return item
        }
        guard let found else { throw EchoProblem("回执码不正确，请核对后重新输入") }
        return found
    }

    /// The villager's rating of the answer; with `reopen` (an unsatisfied rating, once) the item
    /// goes back to the level that answered it with the kind's full limit.
    public func rate(receipt code: String, rating: Int, reopen: Bool, address: String) async throws {
        let found = try await item(receipt: code, address: address)
        let reopened = try await database.transaction { tx -> EchoWorkflow.State? in
            let item = try await Self.lockedItem(found.id, tx)
            try workflow.checkRating(rating, reopen: reopen, state: item.state)
            let now = clock.now(), at = Timestamp.utc(now)
            var update = tx.sql.update("echo_items").set("rating", to: SQLBind(Int64(rating))).set("updated_at", to: SQLBind(at))
            let again = reopen ? workflow.reopened(item.state, on: clock.chinaToday) : nil
            if let again {
                update = update.set("status", to: SQLBind(again.status.rawValue)).set("reopened", to: SQLBind(Int64(1)))
                    .set("answer_by", to: SQLBind(again.answerBy.description))
            } else {
                update = update.set("status", to: SQLBind(EchoStatus.closed.rawValue))
            }
            try await update.where("id", .equal, SQLBind(item.id)).run()
            try await event(tx, item.id, reopen ? "reopened" : "rated", level: item.level, actor: "villager", now: now)
            try await AuditLog.append(tx, actor: .villager, action: reopen ? "echo.reopen" : "echo.rate", target: "echo/\(item.id)",
                                      after: ["rating": String(rating)], clock: clock)
            return again
        }
        if let reopened {
            await notifier.send(Notification(event: "echo.reopened", areaCode: reopened.level.handlerArea(village: found.village).text,
                                             audience: reopened.level.rawValue,
                                             message: "村民对\(found.kind.chineseName)（编号 \(found.id)）的答复不满意，申请重新办理，请于 \(reopened.answerBy) 前答复",
                                             link: "/admin/echo/\(found.id)"))
        }
    }
}
