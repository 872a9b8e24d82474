import Foundation
import SQLKit
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchTestSupport
@testable import VillageWatchPublications
@testable import VillageWatchTransparency

/// Publishing on both engines: the workflow, the public log, search, amendments, bad input.
@Suite struct PublicationStoreTests {
    static let villageA = AreaCode(TestWorld.villageA)!
    static let clerk = Principal(userID: 1, username: "clerk-a", displayName: "文书", role: .villageClerk, scope: villageA)
    static let committee = Principal(userID: 2, username: "committee-a", displayName: "监委会", role: .supervisionCommitteeMember, scope: villageA)

    func withPlatform(_ engine: TestEngine, clock: TestClock = TestClock(),
                      _ body: (Database, PlatformServices) async throws -> Void) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let key = FileManager.default.temporaryDirectory.appendingPathComponent("vw-key-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: key) }
            defer { try? FileManager.default.removeItem(atPath: key + ".secrets") }
            try await body(db, try await PlatformServices.make(database: db, keyPath: key, secretsKeyPath: key + ".secrets", clock: clock))
        }
    }

    func draft(_ title: String = "关于村道硬化工程的决定", body: String = "经村民代表会议讨论，决定实施村道硬化。<script>alert(1)</script><b>预算</b>",
               attachments: [(fileName: String, bytes: Data)] = []) -> PublicationDraft {
        PublicationDraft(kind: .village, category: .major, title: title, body: body, decidedOn: "2026-11-01", attachments: attachments)
    }

    @Test(arguments: TestEngine.available)
    func aSignedOffVersionIsPublishedLoggedAndSearchable(_ engine: TestEngine) async throws {
        try await withPlatform(engine) { db, platform in
            let store = platform.publications
            let (publicationID, versionID) = try await store.createDraft(draft(), village: Self.villageA, by: Self.clerk)
            await #expect(throws: WorkflowError.self) { try await store.apply(.signOff, version: versionID, by: Self.committee) }
            try await store.apply(.submit, version: versionID, by: Self.clerk)
            await #expect(throws: PublicationProblem.self) { try await store.apply(.signOff, version: versionID, by: Self.clerk) }
            try await store.apply(.signOff, version: versionID, by: Self.committee)

            let version = try #require(try await db.read { try await PublicationReader($0).version(versionID) })
            #expect(version.status == .published && version.logIndex == 0 && version.signedOffBy == "committee-a")
            #expect(!version.bodyHTML.contains("script") && version.bodyHTML.contains("<b>预算</b>"))
            let list = try await db.read { try await PublicationReader($0).publicList(village: Self.villageA, kind: nil, period: nil, limit: 10, offset: 0) }
            #expect(list.map(\.0.id) == [publicationID])
            let found = try await db.read { try await PublicationReader($0).search(terms: SearchTerms.queryTerms("硬化"), within: nil, limit: 10) }
            #expect(found.map(\.1.id) == [versionID])
            let missing = try await db.read { try await PublicationReader($0).search(terms: SearchTerms.queryTerms("低保"), within: nil, limit: 10) }
            #expect(missing.isEmpty)
            #expect(try await platform.log.verify() == .intact(leaves: 1, checkpoints: 1))
            let entries = try await platform.log.entries(start: 0, end: 1)
            #expect(String(decoding: entries[0].leaf, as: UTF8.self).hasPrefix(#"{"attachments":[],"body_html":"#))
        }
    }

    @Test(arguments: TestEngine.available)
    func editingAPublishedRowBreaksTheLog(_ engine: TestEngine) async throws {
        try await withPlatform(engine) { db, platform in
            let (_, versionID) = try await platform.publications.createDraft(draft(), village: Self.villageA, by: Self.clerk)
            try await platform.publications.apply(.submit, version: versionID, by: Self.clerk)
            try await platform.publications.apply(.signOff, version: versionID, by: Self.committee)
            try await db.withConnection { try await $0.raw("UPDATE publication_versions SET title = '篡改后的标题'").run() }
            guard case .broken(let reason) = try await platform.log.verify() else { Issue.record("tampering not detected"); return }
            #expect(reason.contains("leaf 0"))
        }
    }

    @Test(arguments: TestEngine.available)
    func amendmentsAndWithdrawalsAreNewVersionsAndTheOriginalStays(_ engine: TestEngine) async throws {
        try await withPlatform(engine) { db, platform in
            let store = platform.publications
            let (publicationID, first) = try await store.createDraft(draft(), village: Self.villageA, by: Self.clerk)
            try await store.apply(.submit, version: first, by: Self.clerk)
            try await store.apply(.signOff, version: first, by: Self.committee)
            await #expect(throws: PublicationProblem("更正须说明理由")) {
                _ = try await store.amend(publicationID, title: "更正", body: "新正文", reason: " ", withdrawal: false, attachments: [], by: Self.clerk)
            }
            let second = try await store.amend(publicationID, title: "关于村道硬化工程的决定（更正）", body: "预算更正为 12 万元", reason: "预算录入错误",
                                               withdrawal: false, attachments: [], by: Self.clerk)
            try await store.apply(.submit, version: second, by: Self.clerk)
            try await store.apply(.returnForChanges, version: second, note: "请附预算表", by: Self.committee)
            try await store.apply(.submit, version: second, by: Self.clerk)
            try await store.apply(.signOff, version: second, by: Self.committee)
            let versions = try await db.read { try await PublicationReader($0).versions(of: publicationID) }
            #expect(versions.map(\.status) == [.published, .published])
            #expect(versions[0].title == "关于村道硬化工程的决定" && versions[1].reason == "预算录入错误" && versions[1].reviewNote == "请附预算表")
            #expect(try await platform.log.verify() == .intact(leaves: 2, checkpoints: 2))
        }
    }

    @Test(arguments: TestEngine.available)
    func badInputIsRefusedAndNothingIsStored(_ engine: TestEngine) async throws {
        try await withPlatform(engine) { db, platform in
            let store = platform.publications
            let exe = Data([0x4D, 0x5A, 0x90, 0x00] + Array(repeating: 0, count: 60))
            await #expect(throws: PublicationProblem.self) {
                _ = try await store.createDraft(draft(attachments: [("预算.pdf", exe)]), village: Self.villageA, by: Self.clerk)
            }
            let oversized = Data("%PDF-1.4".utf8) + Data(count: AttachmentCheck.maxBytes)
            await #expect(throws: PublicationProblem.self) {
                _ = try await store.createDraft(draft(attachments: [("预算.pdf", oversized)]), village: Self.villageA, by: Self.clerk)
            }
            var future = draft()
            future.decidedOn = "2099-01-01"
            await #expect(throws: PublicationProblem("决定日期不能晚于今天")) { _ = try await store.createDraft(future, village: Self.villageA, by: Self.clerk) }
            let futurePeriod = PublicationDraft(kind: .finance, category: .regular, title: "财务公开", body: "收支", period: "2099-01")
            await #expect(throws: PublicationProblem.self) { _ = try await store.createDraft(futurePeriod, village: Self.villageA, by: Self.clerk) }
            await #expect(throws: PublicationProblem("正文不能为空")) {
                _ = try await store.createDraft(draft(body: "<script>only()</script>"), village: Self.villageA, by: Self.clerk)
            }
            #expect(try await rowCount(db, "publications") == 0)
            #expect(try await rowCount(db, "publication_attachments") == 0)
            let pdf = Data("%PDF-1.4\n%…\n".utf8)
            let (_, versionID) = try await store.createDraft(draft(attachments: [("预算表.pdf", pdf)]), village: Self.villageA, by: Self.clerk)
            let version = try await db.read { try await PublicationReader($0).version(versionID) }
            #expect(version?.attachments.first?.contentType == "application/pdf")
        }
    }

    @Test(arguments: TestEngine.available)
    func complianceReportSeesOnTimeLateAndOverdue(_ engine: TestEngine) async throws {
        // 2026-11-20 in China: October's finance is due 2026-11-10, Q3 village affairs 2026-10-15.
        let clock = TestClock(Timestamp.parse("2026-11-20T04:00:00Z")!)
        try await withPlatform(engine, clock: clock) { db, platform in
            let store = platform.publications
            let october = PublicationDraft(kind: .finance, category: .regular, title: "2026年10月财务公开", body: "收入 1 万元", period: "2026-10")
            let records = [PublicationStore.HistoricalRecord(draft: october, publishedAt: Timestamp.parse("2026-11-13T02:00:00Z")!)]
            try await db.transaction { tx in
                _ = try await store.recordPublished(records, village: Self.villageA, author: "clerk-a", signedOffBy: "committee-a", in: tx)
            }
            let area = try #require(try await db.read { try await AreaStore($0).area(Self.villageA) })
            let report = try await db.read {
                try await ComplianceReport.build(area: area, month: PublicationPeriod(parsing: "2026-10")!, monthCount: 2,
                                                 today: CalendarDate(year: 2026, month: 11, day: 20)!, rules: .defaults, db: $0)
            }
            let obligations = try #require(report.rows.first?.obligations)
            let finance = try #require(obligations.first { $0.kind == .finance && $0.period.description == "2026-10" })
            #expect(finance.status == .late(days: 3))
            #expect(obligations.contains { $0.kind == .finance && $0.period.description == "2026-09" && $0.isFinding })
            #expect(report.rows.first!.score < 100)
        }
    }
}
