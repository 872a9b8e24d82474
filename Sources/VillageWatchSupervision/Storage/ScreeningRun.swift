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
    /// Told how long each phase took (`read`, `rules`, `store`), for the CLI and the benchmark.
    public let onPhase: @Sendable (_ phase: String, _ elapsed: Duration) -> Void

    public init(database: Database, thresholds: ScreeningThresholds, complianceRules: ComplianceRules, clock: any WallClock = SystemWallClock(),
                onPhase: @escaping @Sendable (_ phase: String, _ elapsed: Duration) -> Void = { _, _ in }) {
        self.database = database
        self.thresholds = thresholds
        self.complianceRules = complianceRules
        self.clock = clock
        self.onPhase = onPhase
    }

    public func screen(_ area: AreaCode, codes: Set<FindingCode>, by actor: AuditActor) async throws -> (findings: [Finding], outcome: FindingStore.Outcome) {
        let today = clock.chinaToday
        let world = try await timed("read") { try await ScreeningWorldLoader(database, complianceRules: complianceRules, today: today).load(area) }
        let findings = try await timed("rules") {
            Screening.run(world: world, thresholds: thresholds, codes: codes).filter { AreaCode($0.villageCode).map(area.contains) ?? false }
        }
        releaseInBackground(world)
        let outcome = try await timed("store") { try await FindingStore(database: database, clock: clock).record(findings, area: area, codes: codes, by: actor) }
        return (findings, outcome)
    }

    private func timed<T>(_ phase: String, _ body: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        defer { onPhase(phase, ContinuousClock.now - started) }
        return try await body()
    }
}
