import Foundation
import Testing
import VillageWatchCore
import VillageWatchDemo
import VillageWatchServer
import VillageWatchSupervision
import VillageWatchTestSupport

/// The demo's supervision data end to end: the first 30 villages of the division file (where
/// one of every planted kind lands) generated with bank flows and rolls, loaded through the
/// real importers, screened as `villagewatch screen` screens: every planted case is found and
/// no near-miss is, on each engine.
@Suite struct DemoPlantedCasesTests {
    static let end = CalendarDate(year: 2026, month: 10, day: 1)!

    @Test(arguments: TestEngine.available)
    func everyPlantedCaseIsFoundAndNoNearMiss(_ engine: TestEngine) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let villages = Array(try DemoInstallation.villages(from: SharedData.divisions).prefix(30))
        let summary = try DemoGenerator(villages: villages, scale: .small, bank: DemoBankFlows(endMonth: Self.end, transactions: 6_000),
                                        supervision: DemoSupervisionData(endMonth: Self.end)).generate(into: directory)
        let codes = Set(summary.cases.map(\.code))
        #expect(codes == Set(FindingCode.allCases.map(\.rawValue)).subtracting(["BANK-UNPUBLISHED", "PUB-OVERDUE"]))
        #expect(summary.cases.contains { !$0.shouldFire })
        try await withTestDatabase(engine) { database in
            let pipeline = ImportPipeline(database: database)
            let datasets = ["persons", "cadres", "relatives", "bank-accounts", "bank-transactions"] + DemoSupervisionData.files.map(\.dataset)
            for name in ["areas"] + datasets {
                let report = try await pipeline.run(any: try Platform.dataset(named: name), file: #require(summary.files[name]),
                                                    options: ImportOptions(), by: .system)
                #expect(report.outcome == .committed, "\(name): \(report.problems.prefix(3))")
            }
            let clock = TestClock(Date(timeIntervalSince1970: 1_795_000_000))
            let run = ScreeningRun(database: database, thresholds: ScreeningThresholds(), complianceRules: try PlatformServices.complianceRules(), clock: clock)
            let county = try #require(try await database.read { try await AreaStore($0).county()?.code })
            let (findings, outcome) = try await run.screen(county, codes: Set(FindingCode.allCases), by: .system)
            #expect(DemoCase.problems(summary.cases, findings: findings.map(\.jsonLine)) == [])
            #expect(outcome.new == findings.count)
            let again = try await run.screen(county, codes: Set(FindingCode.allCases), by: .system)
            #expect(again.outcome == FindingStore.Outcome(new: 0, unchanged: findings.count, resolved: 0))
        }
    }
}
