import Testing
import VillageWatchCore
import VillageWatchFunds
import VillageWatchPublications
import VillageWatchWeb

/// The month-by-category summary, the finance statement and its reconciliation, and the
/// masking of people on public funds pages.
@Suite struct FundsReportingTests {
    static let october = PublicationPeriod(year: 2026, month: 10)!

    static let ledger = FundsLedger(entries: [
        .init(account: "A", bookedOn: "2026-08-03", amountFen: 100_000, balanceFen: 600_000, category: .transferIn),
        .init(account: "G", bookedOn: "2026-08-20", amountFen: -20_000, balanceFen: 30_000, category: .works),
        .init(account: "A", bookedOn: "2026-10-01", amountFen: -10_000, balanceFen: 590_000, category: .wages),
        .init(account: "A", bookedOn: "2026-10-02", amountFen: 250_000, balanceFen: 840_000, category: .leaseIncome),
        .init(account: "A", bookedOn: "2026-10-09", amountFen: -5_000, balanceFen: nil, category: .wages),
    ])

    @Test func monthsRunWithoutGapsAndBalancesCarryOver() {
        let months = Self.ledger.months
        #expect(months.map(\.period.description) == ["2026-08", "2026-09", "2026-10"])
        #expect(months[0].openingFen == 500_000 + 50_000, "opening of each account = its first balance less its first amount")
        #expect(months[0].closingFen == 600_000 + 30_000)
        #expect(months[1].openingFen == 630_000 && months[1].closingFen == 630_000 && months[1].byCategory.isEmpty, "a quiet month keeps the balance")
        let october = months[2]
        #expect(october.byCategory == [.wages: 15_000, .leaseIncome: 250_000])
        #expect(october.incomeFen == 250_000 && october.spendingFen == 15_000)
        #expect(october.closingFen == 835_000 + 30_000, "without a bank balance the last entry's amount is added to the running balance")
        #expect(Self.ledger.closing(before: PublicationPeriod(year: 2026, month: 9)!) == 630_000)
        #expect(FundsLedger(entries: []).months.isEmpty)
    }

    @Test func aStatementIsGeneratedAndCorrectedOnlyWithReasons() throws {
        let generated = FinanceStatement.generated(Self.october, from: Self.ledger.month(Self.october), openingFen: 0)
        #expect(generated.openingFen == 630_000 && generated.incomeFen == 250_000 && generated.spendingFen == 15_000)
        #expect(generated.closingFen == 865_000 && !generated.isCorrected && generated.title == "2026年10月财务收支公开")
        #expect(throws: FinanceStatementProblem("工资及误工补贴：金额与银行流水（150.00 元）不同，须说明理由")) {
            try generated.corrected(amounts: [.wages: "120"], reasons: [:])
        }
        #expect(throws: FinanceStatementProblem("办公支出：金额“-3”无法识别，请填写不小于 0 的元金额，如 1234.50")) {
            try generated.corrected(amounts: [.office: "-3"], reasons: [:])
        }
        let corrected = try generated.corrected(amounts: [.wages: "120.00", .leaseIncome: "2500"], reasons: [.wages: "一笔误工补贴已退回", .leaseIncome: "无关理由"])
        #expect(corrected.lines.first { $0.category == .wages } == .init(category: .wages, amountFen: 12_000, generatedFen: 15_000, reason: "一笔误工补贴已退回"))
        #expect(corrected.lines.first { $0.category == .leaseIncome }?.reason == nil, "an unchanged line keeps no reason")
        #expect(corrected.isCorrected && corrected.spendingFen == 12_000)
        let html = corrected.bodyHTML(villageName: "白沙村<委>")
        #expect(html.contains("白沙村&lt;委&gt;") && html.contains("支出：工资及误工补贴</td><td>120.00</td><td>已更正：一笔误工补贴已退回"))
        #expect(html.contains("<td>期末余额</td><td>8,680.00</td>"))
    }

    @Test func reconciliationShowsEachCategoryAndTotalDifference() throws {
        let month = Self.ledger.month(Self.october)
        let stated = try FinanceStatement.generated(Self.october, from: month, openingFen: 0)
            .corrected(amounts: [.wages: "120", .office: "30"], reasons: [.wages: "退回一笔", .office: "现金购买文具"])
        let check = FinanceReconciliation(statement: stated, bank: month)
        #expect(!check.agrees)
        #expect(check.differences.map(\.category) == [.wages, .office])
        #expect(check.differences.map(\.differenceFen) == [-3_000, 3_000])
        #expect(check.spendingDifferenceFen == 0 && check.incomeDifferenceFen == 0, "the totals can agree while categories do not")
        #expect(FinanceReconciliation(statement: FinanceStatement.generated(Self.october, from: month, openingFen: 0), bank: month).agrees)
        let nothing = FinanceReconciliation(statement: stated, bank: nil)
        #expect(nothing.bankSpendingFen == 0 && nothing.spendingDifferenceFen == 15_000)
    }

    @Test func aTownSeesDisagreeingAndMissingMonths() throws {
        let august = PublicationPeriod(year: 2026, month: 8)!, september = PublicationPeriod(year: 2026, month: 9)!
        let agreeing = FinanceStatement.generated(august, from: Self.ledger.month(august), openingFen: 0)
        let understated = try FinanceStatement.generated(Self.october, from: Self.ledger.month(Self.october), openingFen: 0)
            .corrected(amounts: [.wages: "100"], reasons: [.wages: "x"])
        let summary = FinanceCheckSummary(ledger: Self.ledger, statements: [agreeing, understated], months: [august, september, Self.october])
        #expect(summary.disagreeing == [Self.october])
        #expect(summary.unpublished == [], "September moved no money, so nothing was owed")
        #expect(FinanceCheckSummary(ledger: Self.ledger, statements: [], months: [august, september]).unpublished == [august])
    }

    @Test func peopleAreMaskedAndOrganisationsShownInFull() {
        let resolver = CounterpartyResolver(cadres: ["陈志强": "党支部书记"], relatives: ["王秀英": "配偶"], villagers: ["林海", "欧阳小明"])
        #expect(resolver.publicName("陈志强") == "陈*强" && resolver.publicName("雷州市财政局") == "雷州市财政局")
        #expect(resolver.publicAccount("6228480012345678", of: "林海") == "****5678")
        #expect(resolver.publicAccount("44001234", of: "雷州市建筑工程有限公司") == "44001234")
        #expect(resolver.maskingPeople(in: "支付王秀英、林海误工补贴") == "支付王*英、林*误工补贴")
        #expect(resolver.maskingPeople(in: "欧阳小明承包鱼塘") == "欧**明承包鱼塘", "the longest name wins")
        #expect(resolver.maskingPeople(in: "张三丰报销", others: ["张三丰"]) == "张*丰报销")
        #expect(resolver.maskingPeople(in: "村道硬化工程款") == "村道硬化工程款")
        #expect(resolver.maskingPeople(in: "张三丰（鱼塘租金）2026年", others: ["张三丰（鱼塘租金） "]) == "张*******）2026年",
                "the counterparty's full noted name, whatever its length")
        #expect(resolver.maskingPeople(in: "付张三丰鱼塘押金", others: ["张三丰（押金）"]) == "付张*丰鱼塘押金", "and its leading name")
        #expect(resolver.maskingPeople(in: "代付 440882197001010019 卡号6228480012345678 共3000元") == "代付 4408**********0019 卡号****5678 共3000元")
    }
}

/// The server-rendered charts of the public funds page.
@Suite struct FundsChartTests {
    @Test func flowBandsAreAsThickAsTheirAmounts() {
        let diagram = FlowDiagram(sources: [.init(label: "发包收入", amountFen: 300_000), .init(label: "转移支付", amountFen: 100_000),
                                            .init(label: "利息收入", amountFen: 0)],
                                  hub: "白沙村<集体>", destinations: [.init(label: "工程支出", amountFen: 200_000)])
        #expect(diagram.sources.map(\.label) == ["发包收入", "转移支付"], "empty flows are left out, largest first")
        let svg = diagram.svg
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("白沙村&lt;集体&gt;") && !svg.contains("<集体>"))
        #expect(svg.contains("<title>发包收入 3,000.00</title>") && svg.contains("<title>工程支出 2,000.00</title>"))
        // 400,000 fen fills the 240-point band: 3,000 yuan → 180, 1,000 → 60, 2,000 → 120.
        #expect(svg.contains("width=\"10.0\" height=\"180.0\" fill=\"#2e7d32\"") && svg.contains("height=\"60.0\" fill=\"#2e7d32\""))
        #expect(svg.contains("height=\"120.0\" fill=\"#b3261e\""))
    }

    @Test func barsAndLinesShowAmountsInYuan() {
        let bars = BarChart(labels: ["09", "10"], series: [.init(name: "收入", colour: "#2e7d32", values: [2_000_000, 0])]).svg
        #expect(bars.contains("<title>09 收入 20,000.00</title>") && bars.contains(">2万</text>"))
        let line = LineChart(labels: ["2026-09", "2026-10"], fen: [150_000, -50_000]).svg
        #expect(line.contains(">-500</text>") && line.contains(">1500</text>") && line.contains("<polyline"))
    }
}
