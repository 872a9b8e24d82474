import VillageWatchCore
import VillageWatchPublications

/// One screening of an area: the world read from the database, every requested rule run, the
/// findings of the area kept (a payment elsewhere only serves as a duplicate's evidence), and
/// stored once per unchanged evidence.
public struct ScreeningRun: Sendable {
    public let database: Database
    public let thresholds: ScreeningThresholds
    public let complianceRules: ComplianceRules
    public let clock: any WallClock

    public init(database: Database, thresholds: ScreeningThresholds, complianceRules: ComplianceRules, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.thresholds = thresholds
        self.complianceRules = complianceRules
        self.clock = clock
    }

    public func screen(_ area: AreaCode, codes: Set<FindingCode>, by actor: AuditActor) async throws -> (findings: [Finding], outcome: FindingStore.Outcome) {
        let today = CalendarDate(parsing: String(Timestamp.chinaStandardTime(clock.now()).prefix(10)))!
        let world = try await database.read { try await ScreeningWorldLoader($0, complianceRules: complianceRules, today: today).load(area) }
        let findings = Screening.run(world: world, thresholds: thresholds, codes: codes).filter { AreaCode($0.villageCode).map(area.contains) ?? false }
        let outcome = try await FindingStore(database: database, clock: clock).record(findings, area: area, codes: codes, by: actor)
        return (findings, outcome)
    }
}
