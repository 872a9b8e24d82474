import Testing
import VillageWatchCore
@testable import VillageWatchSupervision

/// Each bank rule on a planted case and on the near-miss the issue names.
@Suite struct BankRulesTests {
    typealias F = ScreeningFixture

    func findings(_ flows: [ScreeningWorld.BankFlow], _ code: FindingCode, published: [String: Int64] = [:]) -> [Finding] {
        var world = F.world()
        world.bankFlows = flows
        world.publishedSpending = published
        return BankRules(world: world, thresholds: ScreeningThresholds()).findings([code])
    }

    @Test func splitPaymentsBelowTheThresholdWithinAWeekFireOnce() {
        let found = findings([
            F.flow("T1", "2026-03-02", -200_000, to: "宏达建材"), F.flow("T2", "2026-03-04", -200_000, to: "宏达建材"),
            F.flow("T3", "2026-03-08", -150_000, to: "宏达建材"), F.flow("T4", "2026-03-20", -400_000, to: "宏达建材"),
            F.flow("T5", "2026-03-05", -300_000, to: "别的商店"),
        ], .bankSplit)
        #expect(found.count == 1)
        #expect(found.first?.subject("account_number") == "6228001")
        #expect(found.first?.jsonLine.contains(#""transaction_ids":["T1","T2","T3"]"#) == true)
        #expect(found.first?.amountFen == 550_000)
        #expect(found.first.flatMap { F.evidence($0, "amounts_fen") } == .integers([200_000, 200_000, 150_000]))
    }

    @Test func splitNearMissesDoNotFire() {
        let aboveEach = [F.flow("T1", "2026-03-02", -600_000, to: "宏达建材"), F.flow("T2", "2026-03-03", -700_000, to: "宏达建材")]
        let apart = [F.flow("T3", "2026-03-01", -300_000, to: "永兴五金"), F.flow("T4", "2026-03-08", -300_000, to: "永兴五金")]
        let under = [F.flow("T5", "2026-03-01", -200_000, to: "利民商店"), F.flow("T6", "2026-03-02", -200_000, to: "利民商店")]
        let nameless = [F.flow("T7", "2026-03-01", -300_000), F.flow("T8", "2026-03-02", -300_000)]
        #expect(findings(aboveEach + apart + under + nameless, .bankSplit).isEmpty)
    }

    @Test func cashAboveTheLimitFiresByChannelOrByWhatTheClerkWrote() {
        let found = findings([
            F.flow("C1", "2026-04-01", -300_000, channel: "现金"), F.flow("C2", "2026-04-02", -250_000, channel: "转账", summary: "提现备用金"),
            F.flow("C3", "2026-04-03", -200_000, channel: "ATM"), F.flow("C4", "2026-04-04", -900_000, channel: "转账", summary: "工程款"),
            F.flow("C5", "2026-04-05", 500_000, channel: "现金"),
        ], .bankCash)
        #expect(found.compactMap { $0.subject("transaction_id") }.sorted() == ["C1", "C2"])
        #expect(found.allSatisfy { F.evidence($0, "cash_limit_fen") == .integer(200_000) })
    }

    @Test func moneyToACadreOrDeclaredRelativeFiresButPayrollDoesNot() {
        let found = findings([
            F.flow("K1", "2026-05-01", -80_000, to: "张建国", summary: "购买办公用品"),
            F.flow("K2", "2026-05-02", -120_000, to: "张建军", summary: "劳务费"),
            F.flow("K3", "2026-05-03", -300_000, to: "张建国", summary: "2026年4月工资"),
            F.flow("K4", "2026-05-04", -50_000, to: "张建国", summary: "误工补贴"),
            F.flow("K5", "2026-05-05", -90_000, to: "赵德明", summary: "材料款"),
            F.flow("K6", "2020-05-05", -90_000, to: "张建国", summary: "材料款"),
            F.flow("K7", "2026-05-06", -90_000, to: "王秀英", summary: "材料款"),
        ], .bankToCadre).sorted { $0.key < $1.key }
        #expect(found.compactMap { $0.subject("transaction_id") } == ["K1", "K2"])
        #expect(found.map { F.evidence($0, "tie") } == [.text("本人"), .text("申报亲属（兄弟）")])
        #expect(found.allSatisfy { F.evidence($0, "match_basis") == .text("按户名匹配（银行流水只有户名）") })
    }

    @Test func monthsUnpublishedOrDifferingFireAndMatchingMonthsDoNot() {
        let flows = [
            F.flow("U1", "2026-03-10", -500_000, to: "甲"), F.flow("U2", "2026-03-20", 900_000, to: "乙"),
            F.flow("U3", "2026-04-10", -300_000, to: "丙"), F.flow("U4", "2026-05-10", -450_000, to: "丁"),
            F.flow("U5", "2026-05-11", -100, to: "银行", channel: "手续费"),
        ]
        let found = findings(flows, .bankUnpublished, published: ["\(F.village)|2026-03": 500_000, "\(F.village)|2026-05": 400_000,
                                                                  "\(F.village)|2026-06": 0])
            .sorted { $0.key < $1.key }
        #expect(found.compactMap { $0.subject("period") } == ["2026-04", "2026-05"])
        #expect(found.map { F.evidence($0, "published") } == [.text("未公开"), nil])
        #expect(found.last.map { [F.evidence($0, "bank_out_fen"), F.evidence($0, "published_spending_fen")] } == [.integer(450_100), .integer(400_000)])
        #expect(found.last?.amountFen == 50_100)
    }

    @Test func benfordFiresOnAYearOfLookAlikeAmountsOnly() {
        let skewed = (0..<200).map { F.flow("B\($0)", "2025-06-01", -(900_000 + Int64($0)), to: "某") }
        let tooFew = (0..<199).map { F.flow("S\($0)", "2026-06-01", -(900_000 + Int64($0)), to: "某") }
        let found = findings(skewed + tooFew, .bankBenford)
        #expect(found.count == 1)
        #expect(found.first?.subject("period") == "2025")
        #expect(found.first.flatMap { F.evidence($0, "count") } == .integer(200))
        #expect(found.first.flatMap { F.evidence($0, "mad") } == .decimal("0.2121"))
    }

    @Test func benfordAcceptsAmountsThatFollowTheLaw() {
        let counts = [301, 176, 125, 97, 79, 67, 58, 51, 46]
        let flows = counts.enumerated().flatMap { index, count in
            (0..<count).map { F.flow("N\(index)-\($0)", "2025-07-01", -Int64((index + 1) * 10_000 + $0), to: "某") }
        }
        #expect(BenfordTest(amountsFen: flows.map(\.outFen)).mad < 0.001)
        #expect(findings(flows, .bankBenford).isEmpty)
    }
}
