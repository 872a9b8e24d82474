import Foundation
import SQLKit
import Testing
import VillageWatchCore
import VillageWatchFunds
import VillageWatchPublications
import VillageWatchServer
import VillageWatchTestSupport

/// Finance statements stored with their publication versions, on both engines: drafted, revised,
/// published, amended, withdrawn; what the public and the supervisors read back.
@Suite struct FinanceStatementStoreTests {
    static let village = Area(code: AreaCode(TestWorld.villageA)!, name: "白沙村委会", parentCode: TestWorld.townA)
    static let clerk = Principal(userID: 1, username: "clerk-a", displayName: "报账员", role: .villageClerk, scope: village.code)
    static let committee = Principal(userID: 2, username: "committee-a", displayName: "监委会", role: .supervisionCommitteeMember, scope: village.code)
    static let october = PublicationPeriod(year: 2026, month: 10)!

    static let statement = FinanceStatement(period: october, openingFen: 1_000_000, lines: [
        .init(category: .leaseIncome, amountFen: 240_000, generatedFen: 240_000, reason: nil),
        .init(category: .wages, amountFen: 50_000, generatedFen: 80_000, reason: "300 元为代垫，已退回"),
    ])

    @Test(arguments: TestEngine.available)
    func statementsFollowTheirPublicationsVersions(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let key = FileManager.default.temporaryDirectory.appendingPathComponent("vw-key-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: key); try? FileManager.default.removeItem(atPath: key + ".secrets") }
            let platform = try await PlatformServices.make(database: db, keyPath: key, secretsKeyPath: key + ".secrets", clock: TestClock())
            let store = FinanceStatementStore(publications: platform.publications)
            let id = try await store.prepare(Self.statement, village: Self.village, amendmentReason: "", by: Self.clerk)
            let revised = try await store.prepare(Self.statement, village: Self.village, amendmentReason: "", by: Self.clerk)
            #expect(revised == id, "a draft is revised in place, not duplicated")
            #expect(try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: true) }.isEmpty)
            let draft = try #require(try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: false) }.first)
            #expect(draft.statement == Self.statement && draft.status == .draft && draft.version == 1)

            try await platform.publications.apply(.submit, version: draft.versionID, by: Self.clerk)
            await #expect(throws: PublicationProblem("本月财务公开已提交监委会审核，请待审核完成或退回后再修改")) {
                try await store.prepare(Self.statement, village: Self.village, amendmentReason: "", by: Self.clerk)
            }
            try await platform.publications.apply(.signOff, version: draft.versionID, by: Self.committee)
            let published = try #require(try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: true) }.first)
            #expect(published.statement.lines.first { $0.category == .wages }?.reason == "300 元为代垫，已退回" && published.publishedAt != nil)

            await #expect(throws: PublicationProblem("更正须说明理由")) {
                try await store.prepare(Self.statement, village: Self.village, amendmentReason: " ", by: Self.clerk)
            }
            let fixed = FinanceStatement(period: Self.october, openingFen: 1_000_000, lines: [
                .init(category: .leaseIncome, amountFen: 240_000, generatedFen: 240_000, reason: nil),
                .init(category: .wages, amountFen: 80_000, generatedFen: 80_000, reason: nil),
            ])
            try await store.prepare(fixed, village: Self.village, amendmentReason: "代垫款已入账", by: Self.clerk)
            let heads = try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: false) }
            #expect(heads.count == 1 && heads[0].version == 2 && heads[0].statement == fixed && heads[0].status == .draft)
            let stillPublic = try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: true) }
            #expect(stillPublic.first?.version == 1, "the public keeps the published version until the amendment is signed off")

            let audit = try await db.read { try await AuditLog.recent($0, limit: 20) }
            #expect(audit.filter { $0.action == "funds.finance-statement" }.count == 3)
            try await platform.publications.apply(.submit, version: heads[0].versionID, by: Self.clerk)
            try await platform.publications.apply(.signOff, version: heads[0].versionID, by: Self.committee)
            let withdrawal = try await platform.publications.amend(id, title: "撤回", body: "", reason: "重复公开", withdrawal: true, attachments: [], by: Self.clerk)
            try await platform.publications.apply(.submit, version: withdrawal, by: Self.clerk)
            try await platform.publications.apply(.signOff, version: withdrawal, by: Self.committee)
            #expect(try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: true) }.isEmpty,
                    "a withdrawn statement is no longer compared in public")
            let again = try await store.prepare(fixed, village: Self.village, amendmentReason: "", by: Self.clerk)
            #expect(again != id, "after a withdrawal the month starts a new publication")
            #expect(try await db.read { try await FinanceStatementReader($0).latest(village: Self.village.code, publishedOnly: false) }.first?.publicationID == again)
        }
    }
}
