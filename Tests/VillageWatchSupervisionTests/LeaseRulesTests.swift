import Testing
import VillageWatchCore
@testable import VillageWatchSupervision

/// Each lease rule on a planted case and on the near-miss the issue names.
@Suite struct LeaseRulesTests {
    typealias F = ScreeningFixture

    func findings(_ leases: [ScreeningWorld.Lease], _ code: FindingCode, flows: [ScreeningWorld.BankFlow] = []) -> [Finding] {
        var world = F.world()
        world.leases = leases
        world.bankFlows = flows
        return LeaseRules(world: world, thresholds: ScreeningThresholds()).findings([code]).sorted { $0.key < $1.key }
    }

    @Test func lesseesCloseToACadreFireByIDNumberOrByName() {
        let found = findings([
            F.lease("L1", lessee: "王秀英", lesseeID: F.wifeID), F.lease("L2", lessee: "张建军"),
            F.lease("L3", lessee: "张建国", lesseeID: F.cadreID), F.lease("L4", lessee: "刘大海", lesseeID: "440882198001010055"),
            F.lease("L5", lessee: "赵德明"), F.lease("L6", lessee: "王秀英", from: "2010-01-01", to: "2020-12-31"),
        ], .conRelativeLessee)
        #expect(found.compactMap { $0.subject("contract_id") } == ["L1", "L2", "L3"])
        #expect(found.map { F.evidence($0, "tie") } == [.text("家庭成员"), .text("申报亲属（兄弟）"), .text("本人")])
        #expect(found.map { F.evidence($0, "match_basis") } == [.text("按身份证号码匹配"), .text("按姓名匹配（合同未登记承包方身份证号码）"),
                                                               .text("按身份证号码匹配")])
    }

    @Test func largeLeasesNotPutOutToOpenBiddingFire() {
        let found = findings([
            F.lease("N1", type: "耕地", mu: 12, award: "协商"), F.lease("N2", type: "鱼塘", mu: 10, award: nil),
            F.lease("N3", type: "厂房", mu: nil, rentFen: 6_000_000, award: "其他"), F.lease("N4", type: "林地", mu: 30, award: "协商"),
            F.lease("N5", type: "耕地", mu: 12, award: "公开招标"), F.lease("N6", type: "林地", mu: 29, award: "协商"),
            F.lease("N7", type: "铺面", mu: nil, rentFen: 4_999_999, award: "协商"), F.lease("N8", type: "山地", mu: 50, award: "公开竞价"),
        ], .conNoBidding)
        #expect(found.compactMap { $0.subject("contract_id") } == ["N1", "N2", "N3", "N4"])
        #expect(found.map { F.evidence($0, "award_method") } == [.text("协商"), .text("未填写"), .text("其他"), .text("协商")])
        #expect(found[2...].map { F.evidence($0, "reason") } == [.text("年租金达到50000元"), .text("林地面积达到30亩")])
    }

    @Test func leasesLongerThanThirtyYearsFire() {
        let found = findings([
            F.lease("T1", from: "2000-01-01", to: "2030-01-02"), F.lease("T2", from: "2000-01-01", to: "2030-01-01"),
            F.lease("T3", from: "2024-02-29", to: "2054-02-28"),
        ], .conTerm)
        #expect(found.compactMap { $0.subject("contract_id") } == ["T1"])
        #expect(found.first.flatMap { F.evidence($0, "latest_lawful_end") } == .text("2030-01-01"))
    }

    /// The village's flows cover 2025-01-01 to 2026-12-31, so due dates from 2025-01-01 to
    /// 2026-11-01 (60 days of grace before the last flow) are judged.
    @Test func rentWithNoPaymentWithinGraceFiresAndRentPaidThirtyDaysLateDoesNot() {
        let flows = [
            F.flow("E1", "2025-01-01", -100, to: "银行", channel: "手续费"), F.flow("E2", "2026-12-31", -100, to: "银行", channel: "手续费"),
            F.flow("R1", "2025-03-31", 500_000, to: "刘大海"), F.flow("R2", "2026-01-20", 125_000, to: "陈小红（租金）"),
            F.flow("R3", "2026-04-01", 125_000, to: "陈小红"), F.flow("R4", "2026-07-05", 125_000, to: "陈小红"),
        ]
        let found = findings([
            F.lease("A1", lessee: "刘大海"), F.lease("A2", lessee: "陈小红", from: "2025-10-01", to: "2027-09-30", rentFen: 500_000, schedule: "季付"),
            F.lease("A3", lessee: "孙丽", from: "2020-12-15", to: "2025-12-14", schedule: nil, village: F.neighbour),
        ], .conRentArrears, flows: flows)
        #expect(found.map { "\($0.subject("contract_id")!) \($0.subject("period")!)" } == ["A1 2026-03", "A2 2026-10"])
        #expect(found.first.flatMap { F.evidence($0, "due_on") } == .text("2026-03-01"))
        #expect(found.last?.amountFen == 125_000)
    }

    @Test func rentBelowHalfTheTownMedianFiresOnlyWithThreePeers() {
        let found = findings([
            F.lease("P1", mu: 10, rentFen: 100_000), F.lease("P2", mu: 10, rentFen: 1_000_000),
            F.lease("P3", mu: 10, rentFen: 1_200_000, village: F.neighbour), F.lease("P4", mu: 10, rentFen: 550_000),
            F.lease("P5", type: "林地", mu: 10, rentFen: 10_000), F.lease("P6", type: "林地", mu: 10, rentFen: 900_000),
            F.lease("P7", mu: 10, rentFen: 10_000, village: F.otherTown), F.lease("P8", mu: 10, rentFen: 900_000, village: F.otherTown),
            F.lease("P9", mu: 10, rentFen: 950_000, village: F.otherTown), F.lease("P10", type: "厂房", mu: nil, rentFen: 1),
        ], .conRentLow)
        #expect(found.compactMap { $0.subject("contract_id") } == ["P1", "P7"])
        #expect(found.first.map { [F.evidence($0, "rent_per_mu_fen"), F.evidence($0, "town_median_per_mu_fen")] } == [.integer(10_000), .integer(77_500)])
    }
}
