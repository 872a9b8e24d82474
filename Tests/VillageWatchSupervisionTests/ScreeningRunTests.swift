import Foundation
import Testing
import VillageWatchCore
import VillageWatchPublications
import VillageWatchServer
import VillageWatchSupervision
import VillageWatchTestSupport

/// A screening end to end on both engines: canonical files through the import pipeline, the
/// world read back, every rule family run, findings stored, and re-screening adding nothing.
@Suite struct ScreeningRunTests {
    static let files: [(String, String)] = [
        ("deaths", "id_number,name,death_date\n\(TestWorld.villagerA),林海,2026-07-02\n"),
        ("benefits", """
            payment_id,program_code,program_name,department,recipient_id_number,recipient_name,village_code,period,amount
            P1,DIBAO,最低生活保障,民政,\(TestWorld.villagerA),林海,\(TestWorld.groupA),2026-08,410
            P2,DIBAO,最低生活保障,民政,\(TestWorld.wifeA),王秀英,\(TestWorld.groupA),2026-08,410
            P3,DIBAO,最低生活保障,民政,\(TestWorld.sonB),李明,\(TestWorld.groupB),2026-08,410
            """),
        ("bank-accounts", "account_number,account_name,bank,area_code\n80020000011111,白沙村股份经济合作社,雷州农商银行,\(TestWorld.villageA)\n"),
        ("bank-transactions", """
            account_number,transaction_id,booked_at,amount,balance,counterparty_name,channel,summary
            80020000011111,T1,2026-08-01 09:00:00,20000.00,20000.00,雷州市财政局,转账,村级组织运转经费
            80020000011111,T2,2026-08-03 10:00:00,-3000.00,17000.00,,现金,取现备用金
            80020000011111,T3,2026-08-05 10:00:00,-800.00,16200.00,王秀英,转账,办公用品
            80020000011111,T4,2026-08-06 10:00:00,-900.00,15300.00,陈志强,代发,8月误工补贴
            """),
        ("contracts", """
            contract_id,village_code,asset_type,asset_name,lessee_name,lessee_id_number,area_mu,start_date,end_date,annual_rent,award_method
            C1,\(TestWorld.villageA),鱼塘,东塘,王秀英,\(TestWorld.wifeA),12.5,2026-01-01,2030-12-31,8000,协商
            C2,\(TestWorld.villageA),鱼塘,西塘,林海,\(TestWorld.villagerA),12.5,2026-01-01,2030-12-31,8000,公开招标
            """),
    ]

    @Test(arguments: TestEngine.available)
    func aVillageIsScreenedOnceAndThenOnlyRefreshed(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            for (name, text) in Self.files {
                let report = try await ImportPipeline(database: db).run(any: try Platform.dataset(named: name), file: try temporaryCSV("\(name).csv", text),
                                                                        options: ImportOptions(), by: .system)
                #expect(report.outcome == .committed, "\(name): \(report.problems)")
            }
            let run = ScreeningRun(database: db, thresholds: ScreeningThresholds(), complianceRules: ComplianceRules(), clock: TestClock())
            let village = AreaCode(TestWorld.villageA)!
            let (findings, outcome) = try await run.screen(village, codes: Set(FindingCode.allCases), by: .system)
            let byCode = Dictionary(grouping: findings, by: \.code)
            #expect(byCode[.benDeceased]?.map { $0.subject("payment_id") } == ["P1"])
            #expect(byCode[.benCadreRelativeUnfiled]?.map { $0.subject("payment_id") } == ["P2"])
            #expect(byCode[.bankCash]?.map { $0.subject("transaction_id") } == ["T2"])
            #expect(byCode[.bankToCadre]?.map { $0.subject("transaction_id") } == ["T3"], "payroll to the cadre himself is excepted")
            #expect(byCode[.bankUnpublished]?.count == 1, "August moved money and has no finance publication")
            #expect(byCode[.conNoBidding]?.map { $0.subject("contract_id") } == ["C1"], "C2 was awarded by 公开招标")
            #expect(byCode[.conRelativeLessee]?.map { $0.subject("contract_id") } == ["C1"])
            #expect(byCode[.pubOverdue]?.isEmpty == false)
            #expect(!findings.contains { $0.villageCode != TestWorld.villageA }, "village B's payment is not A's finding")
            #expect(outcome.new == findings.count && outcome.unchanged == 0)
            let again = try await run.screen(village, codes: Set(FindingCode.allCases), by: .system)
            #expect(again.outcome == .init(new: 0, unchanged: findings.count, resolved: 0))
        }
    }
}
