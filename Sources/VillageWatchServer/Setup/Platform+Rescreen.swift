import Foundation
import VillageWatchCore
import VillageWatchSupervision

extension Platform {
    /// The datasets the comparison engine reads: a committed import of one of them re-screens.
    static let screenedDatasets: Set = ["persons", "cadres", "relatives", "bank-transactions", "programs", "benefits", "filings", "deaths",
                                        "public-employees", "vehicles", "businesses", "land", "contracts"]

    /// Re-screens the county after a committed import that changed something the rules read, so
    /// findings follow the data without anyone remembering to run `screen`. Unchanged findings
    /// are not raised again; `nil` when nothing needed screening.
    public static func rescreen(after report: ImportReport, database: Database, by actor: AuditActor,
                                clock: any WallClock = SystemWallClock()) async throws -> FindingStore.Outcome? {
        guard report.outcome == .committed, screenedDatasets.contains(report.dataset),
              let county = try await database.read({ try await AreaStore($0).county()?.code }) else { return nil }
        let run = ScreeningRun(database: database, thresholds: try ScreeningThresholds.load(), complianceRules: try PlatformServices.complianceRules(),
                               clock: clock)
        return try await run.screen(county, codes: Set(FindingCode.allCases), by: actor).outcome
    }
}
