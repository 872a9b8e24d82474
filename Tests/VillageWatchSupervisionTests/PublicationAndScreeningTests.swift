import Testing
import VillageWatchCore
@testable import VillageWatchSupervision

/// PUB-OVERDUE, and the entry point that runs every family: only the codes asked for, in one
/// order whatever the order of the inputs.
@Suite struct PublicationAndScreeningTests {
    typealias F = ScreeningFixture

    @Test func eachOverdueObligationIsOneFinding() {
        var world = F.world()
        world.obligations = [.init(villageCode: F.village, label: "2026年9月财务公开", dueOn: F.day("2026-10-10"))]
        let found = PublicationRules(world: world).findings([.pubOverdue])
        #expect(found.map(\.jsonLine) == [
            #"{"code":"PUB-OVERDUE","severity":"low","village_code":"440882101201","subject":{"period":"2026年9月财务公开"},"amount_fen":0,"evidence":{"label":"2026年9月财务公开","due_on":"2026-10-10"}}"#,
        ])
        #expect(PublicationRules(world: world).findings([.conTerm]).isEmpty)
    }

    func plantedWorld() -> ScreeningWorld {
        var world = F.world()
        world.bankFlows = [F.flow("K1", "2026-05-01", -300_000, to: "张建国", channel: "现金"),
                           F.flow("K2", "2026-05-02", -80_000, to: "张建军")]
        world.leases = [F.lease("L1", lessee: "张建军", mu: 12, from: "2000-01-01", to: "2040-12-31", award: "协商")]
        world.obligations = [.init(villageCode: F.neighbour, label: "2026年第3季度村务公开", dueOn: F.day("2026-10-10")),
                             .init(villageCode: F.village, label: "2026年9月财务公开", dueOn: F.day("2026-10-10"))]
        return world
    }

    @Test func runSortsByCodeVillageAndKeyAndHonoursTheCodes() {
        let world = plantedWorld()
        let found = Screening.run(world: world, thresholds: ScreeningThresholds())
        #expect(found.map { "\($0.code.rawValue) \($0.villageCode)" } == [
            "BANK-CASH \(F.village)", "BANK-TO-CADRE \(F.village)", "BANK-TO-CADRE \(F.village)", "BANK-UNPUBLISHED \(F.village)",
            "CON-RELATIVE-LESSEE \(F.village)", "CON-NO-BIDDING \(F.village)", "CON-TERM \(F.village)",
            "PUB-OVERDUE \(F.village)", "PUB-OVERDUE \(F.neighbour)",
        ])
        var shuffled = world
        shuffled.bankFlows.reverse()
        shuffled.obligations.reverse()
        #expect(Screening.run(world: shuffled, thresholds: ScreeningThresholds()).map(\.jsonLine) == found.map(\.jsonLine))
        #expect(Screening.run(world: world, thresholds: ScreeningThresholds(), codes: [.conTerm, .bankCash]).map(\.code) == [.bankCash, .conTerm])
    }
}
