import Foundation
import Synchronization
import Testing
import VillageWatchCore
import VillageWatchEchoWall
import VillageWatchTestSupport

/// Collects what would be sent to the gateway.
final class RecordingNotifier: Notifier {
    let sent = Mutex<[VillageWatchCore.Notification]>([])
    func send(_ notification: VillageWatchCore.Notification) async { sent.withLock { $0.append(notification) } }
    var all: [VillageWatchCore.Notification] { sent.withLock { $0 } }
}

/// The store on both engines, with a clock fixed by hand: escalation over the National Day
/// holiday, the villager's receipt code, rating and reopening, the reporter kept sealed, and the
/// limits against abuse.
@Suite struct EchoItemStoreTests {
    static let village = AreaCode(TestWorld.villageA)!
    static let officer = Principal(userID: 1, username: "zhen", displayName: "镇干部", role: .townOfficer, scope: AreaCode(TestWorld.townA)!)
    static let clerk = Principal(userID: 2, username: "cunwen", displayName: "报账员", role: .villageClerk, scope: village)

    /// Wednesday 30 September 2026, 10:00 in China.
    static let eveOfNationalDay = Timestamp.parse("2026-09-30T02:00:00Z")!

    func withStore(_ engine: TestEngine, _ body: (EchoItemStore, TestClock, RecordingNotifier, Database) async throws -> Void) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let clock = TestClock(Self.eveOfNationalDay), notifier = RecordingNotifier()
            let store = EchoItemStore(database: db, clock: clock, box: SecretBox(key: .init(size: .bits256)), notifier: notifier)
            try await body(store, clock, notifier, db)
        }
    }

    func question(_ text: String = "村道的路灯坏了三个月，什么时候修？") -> EchoSubmission {
        EchoSubmission(kind: .question, category: .services, village: Self.village, text: text)
    }

    @Test(arguments: TestEngine.available)
    func anOverdueItemEscalatesOverTheHolidayWithANotice(_ engine: TestEngine) async throws {
        try await withStore(engine) { store, clock, notifier, _ in
            let receipt = try await store.submit(question(), from: .web(address: "10.0.0.1"))
            #expect(notifier.all.map(\.event) == ["echo.new"] && notifier.all[0].audience == "village")
            clock.advance(7 * 86_400)                                            // 7 October: still the holiday week
            #expect(try await store.escalateOverdue().isEmpty)
            clock.advance(86_400)                                                // 8 October: the first working day, due today
            #expect(try await store.escalateOverdue().isEmpty)
            clock.advance(86_400)                                                // 9 October: not acknowledged in time
            #expect(try await store.escalateOverdue() == [receipt.id])
            let item = try #require(try await store.item(receipt.id))
            #expect(item.level == .town && item.state.answerBy.description == "2026-10-15" && item.escalations == 1)
            await #expect(throws: EchoProblem.self) { try await store.answer(receipt.id, text: "村里来答复一下。", at: .village, by: Self.clerk) }
            let stats = try await store.statsByVillage(within: Self.village)[TestWorld.villageA]
            #expect(stats?.due == 1 && stats?.answered == 0 && stats?.replyRate == "0%")           // late, though its new deadline is ahead
            let notice = try #require(notifier.all.last)
            #expect(notice.event == "echo.escalated" && notice.audience == "town" && notice.areaCode == TestWorld.townA && notice.link == "/admin/echo/\(receipt.id)")
            #expect(try await store.escalateOverdue().isEmpty)                  // once per lateness
            clock.advance(10 * 86_400)                                           // 19 October: late at the town too
            #expect(try await store.escalateOverdue() == [receipt.id])
            #expect(try await store.item(receipt.id)?.level == .commission)
            clock.advance(30 * 86_400)
            #expect(try await store.escalateOverdue().isEmpty)                  // nothing above the commission
            #expect(try await store.events(receipt.id).map(\.action) == ["submitted", "escalated", "escalated"])
        }
    }

    @Test(arguments: TestEngine.available)
    func aVillagerFollowsRatesAndReopensOnceWithTheReceiptCode(_ engine: TestEngine) async throws {
        try await withStore(engine) { store, clock, notifier, _ in
            var submission = question()
            submission.reporterName = "林海"
            submission.phone = "13812345678"
            let receipt = try await store.submit(submission, from: .web(address: "10.0.0.2"))
            await #expect(throws: EchoProblem.self) { try await store.rate(receipt: receipt.code, rating: 5, reopen: false, address: "10.0.0.2") }
            clock.advance(9 * 86_400)                                            // answered on 9 October: on time (due 13 October)
            try await store.answer(receipt.id, text: "路灯已于 10 月 9 日修复，林海可以回电 13812345678 核实。", at: .village, by: Self.clerk)
            #expect(notifier.all.last?.event == "echo.answered" && notifier.all.last?.phone == "13812345678")
            let answered = try await store.item(receipt: receipt.code.lowercased(), address: "10.0.0.2")
            #expect(answered.status == .answered && answered.responseDays == 2 && !answered.answeredLate)
            #expect(answered.publicAnswer == "路灯已于 10 月 9 日修复，林*可以回电 ****5678 核实。")           // the registry's and the reporter's names
            try await store.rate(receipt: receipt.code, rating: 2, reopen: true, address: "10.0.0.2")
            #expect(try await store.item(receipt.id)?.status == .reopened)
            #expect(try await store.statsByVillage(within: Self.village)[TestWorld.villageA]?.answered == 0)   // reopened: waiting again
            try await store.answer(receipt.id, text: "已加装两盏路灯，并每月巡查。", at: .village, by: Self.clerk)
            await #expect(throws: EchoProblem.self) { try await store.rate(receipt: receipt.code, rating: 1, reopen: true, address: "10.0.0.2") }
            try await store.rate(receipt: receipt.code, rating: 4, reopen: false, address: "10.0.0.2")
            let closed = try #require(try await store.item(receipt.id))
            #expect(closed.status == .closed && closed.rating == 4 && closed.state.reopened)
            let stats = try await store.statsByVillage(within: Self.village)[TestWorld.villageA]
            #expect(stats?.answered == 1 && stats?.reopened == 1 && stats?.averageRating == "4.0")
        }
    }

    @Test(arguments: TestEngine.available)
    func theReporterStaysSealedAndEachViewIsAudited(_ engine: TestEngine) async throws {
        try await withStore(engine) { store, _, _, db in
            var report = EchoSubmission(kind: .report, category: .conduct, village: Self.village, text: "村支书陈志强把低保给了亲戚。")
            report.reporterName = "王五"
            report.phone = "13900001111"
            let receipt = try await store.submit(report, from: .web(address: "10.0.0.3"))
            let stored = try await db.read { try await $0.raw("SELECT * FROM echo_items").all() }
            let row = try #require(stored.first)
            let columns = try ["reporter_sealed", "text", "phone_hash", "receipt_hash"].map { try row.decode(column: $0, as: String.self) }
            #expect(!columns[0].contains("王五") && !columns[0].contains("13900001111") && !columns[2].contains("13900001111"))
            #expect(!columns[3].contains(receipt.code))
            let audit = try await db.read { try await $0.raw("SELECT action, after_state FROM audit_log ORDER BY seq").all() }
            #expect(try !audit.contains { try ($0.decode(column: "after_state", as: String?.self) ?? "").contains("王五") })
            let officer = Principal(userID: 3, username: "jiancha", displayName: "监察专干", role: .supervisionOfficer, scope: AreaCode(TestWorld.townA)!)
            let identity = try await store.reporter(receipt.id, by: officer)
            #expect(identity?.name == "王五" && identity?.phone == "13900001111")
            let views = try await db.read { try await $0.raw("SELECT actor FROM audit_log WHERE action = 'echo.reporter-view'").all(decodingColumn: "actor", as: String.self) }
            #expect(views == ["user:jiancha"])
            let item = try #require(try await store.item(receipt.id))
            #expect(item.level == .commission && item.publicText == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func abuseIsRefusedAndNothingIsLost(_ engine: TestEngine) async throws {
        try await withStore(engine) { store, clock, _, db in
            let first = try await store.submit(question(), from: .web(address: "10.0.0.4"), nonce: "n-1")
            await #expect(throws: EchoProblem.self) { try await store.submit(question("另一件事：水渠堵了"), from: .web(address: "10.0.0.5"), nonce: "n-1") }
            await #expect(throws: EchoProblem.self) { try await store.submit(question(), from: .web(address: "10.0.0.6")) }    // same text, same village
            for n in 2...4 { _ = try await store.submit(question("第 \(n) 件事：水渠堵了"), from: .web(address: "10.0.0.4")) }
            _ = try await store.submit(question("第 5 件事：水渠堵了"), from: .web(address: "10.0.0.4"))
            await #expect(throws: EchoProblem.self) { try await store.submit(question("第 6 件事：水渠堵了"), from: .web(address: "10.0.0.4")) }
            clock.advance(3601)
            _ = try await store.submit(question("第 6 件事：水渠堵了"), from: .web(address: "10.0.0.4"))
            for n in 1...4 {                                                     // three a day from one phone, from any address
                var named = question("实名第 \(n) 件：路灯坏了")
                named.reporterName = "林海"
                named.phone = "13800001111"
                if n <= EchoItemStore.dailyLimitPerPhone {
                    _ = try await store.submit(named, from: .web(address: "10.1.0.\(n)"))
                } else {
                    await #expect(throws: EchoProblem.self) { try await store.submit(named, from: .web(address: "10.1.0.\(n)")) }
                }
            }
            await #expect(throws: EchoProblem.self) {
                try await store.submit(EchoSubmission(kind: .question, category: .other, village: AreaCode("440882999999")!, text: "没有这个村"), from: .web(address: "10.0.0.7"))
            }
            for _ in 0..<EchoItemStore.hourlyFailedLookups {
                await #expect(throws: EchoProblem.self) { _ = try await store.item(receipt: ReceiptCode.generate(), address: "10.0.0.8") }
            }
            await #expect(throws: EchoProblem.self) { _ = try await store.item(receipt: first.code, address: "10.0.0.8") }    // locked out, even with a right code
            #expect(try await store.item(receipt: first.code, address: "10.0.0.9").id == first.id)
            let count = try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM echo_items").first(decodingColumn: "n", as: Int.self) }
            #expect(count == 9)
        }
    }
}
