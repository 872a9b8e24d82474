import Foundation
import Testing
@testable import VillageWatchFunds

/// Classification of bank flows by the county's rules.
@Suite struct ClassificationTests {
    func classify(_ amount: Int64, summary: String = "", purpose: String = "", counterparty: String = "", channel: String = "") -> FundsCategory {
        ClassificationRules.defaults.classify(.init(amountFen: amount, summary: summary, purpose: purpose, counterpartyName: counterparty, channel: channel))
    }

    @Test func theDefaultsSortCommonVillageFlows() {
        #expect(classify(5_000_000, summary: "转移支付", purpose: "村级组织运转经费", counterparty: "雷州市财政局") == .transferIn)
        #expect(classify(1_200_000, summary: "鱼塘承包费", counterparty: "林海") == .leaseIncome)
        #expect(classify(300_000, summary: "耕地地力保护补贴", counterparty: "雷州市农业农村局") == .subsidyIncome)
        #expect(classify(-320_000, summary: "误工补贴", purpose: "8月误工补贴", counterparty: "陈志强") == .wages)
        #expect(classify(-3_528_050, summary: "村道硬化工程进度款", counterparty: "雷州市某建筑公司") == .works)
        #expect(classify(-1_000, channel: "手续费") == .bankFees)
        #expect(classify(1_234, summary: "结息") == .interestIncome)
        #expect(classify(-80_000, summary: "取现", channel: "现金") == .otherExpense)
        #expect(classify(99, summary: "其他") == .otherIncome)
        // Direction matters: a refund of a wage is not a wage expense.
        #expect(classify(320_000, summary: "误工补贴退回") != .wages)
    }

    @Test func countiesEditRulesAsJSONAndBadRulesAreNamed() throws {
        let json = #"{"rules":[{"category":"lease-income","direction":"in","keywords":["厂房租金"]},{"category":"office","keywords":["打印"]}]}"#
        let rules = try ClassificationRules.decode(Data(json.utf8), file: "rules.json")
        #expect(rules.classify(.init(amountFen: 10, summary: "厂房租金", purpose: nil, counterpartyName: nil, channel: nil)) == .leaseIncome)
        #expect(rules.rules[1].direction == .any)
        #expect(rules.classify(.init(amountFen: 10, summary: "退回打印费", purpose: nil, counterpartyName: nil, channel: nil)) == .otherIncome,
                "a rule without a direction never gives an expense category to money in")
        #expect(rules.classify(.init(amountFen: -10, summary: "打印", purpose: nil, counterpartyName: nil, channel: nil)) == .office)
        #expect(throws: ClassificationRulesError.self) {
            try ClassificationRules.decode(Data(#"{"rules":[{"category":"works"}]}"#.utf8), file: "rules.json")
        }
        #expect(throws: ClassificationRulesError.self) {
            try ClassificationRules.decode(Data(#"{"rules":[{"category":"works","direction":"in","keywords":["x"]}]}"#.utf8), file: "rules.json")
        }
        #expect(throws: DecodingError.self) {
            try ClassificationRules.decode(Data(#"{"rules":[{"category":"bribes","keywords":["x"]}]}"#.utf8), file: "rules.json")
        }
    }

    @Test func everyCategoryHasAChineseNameAndASide() {
        #expect(Set(FundsCategory.allCases.map(\.chineseName)).count == FundsCategory.allCases.count)
        #expect(FundsCategory.allCases.filter(\.isIncome).count == 6)
    }
}

/// Counterparties resolved against a village's cadres, their relatives and its registry.
@Suite struct CounterpartyResolverTests {
    let resolver = CounterpartyResolver(cadres: ["陈志强": "党支部书记"], relatives: ["王秀英": "配偶"], villagers: ["林海"])

    @Test func individualsAndOrganisationsAreTold() {
        #expect(resolver.resolve("陈志强") == .init(kind: .cadre, detail: "党支部书记"))
        #expect(resolver.resolve("王秀英") == .init(kind: .relative, detail: "配偶"))
        #expect(resolver.resolve("林海").kind == .villager)
        #expect(resolver.resolve("张三").kind == .individual)
        #expect(resolver.resolve("雷州市财政局").kind == .government)
        #expect(resolver.resolve("雷州市白沙镇人民政府").kind == .government)
        #expect(resolver.resolve("雷州市某建材店").kind == .company)
        #expect(resolver.resolve("湛江市宏达建筑工程有限公司").kind == .company)
        #expect(resolver.resolve(nil).kind == .none && resolver.resolve(" ").kind == .none)
        #expect(resolver.resolve("雷州市财政局").kind.isOrganisation && !resolver.resolve("林海").kind.isOrganisation)
    }
}
