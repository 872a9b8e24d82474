import VillageWatchCore
import VillageWatchPublications
import VillageWatchWeb

/// Everything a village's or group's public funds page shows, built from the classified flows
/// and the published statement; the HTML page and its CSV/XLSX downloads are two renderings of
/// this one value, so a download can never show more than the page.
struct PublicFundsView {
    let area: Area
    let transactions: [ClassifiedTransaction]
    let ledger: FundsLedger
    let resolver: CounterpartyResolver
    /// The month shown; the latest month with flows when none was asked for.
    let month: PublicationPeriod?
    let category: FundsCategory?
    /// The village's latest published statement for `month`, when the page is a village's.
    let statement: StoredFinanceStatement?

    /// One listed transaction as the public may see it: people masked, organisations in full.
    struct PublicFlow {
        let transaction: ClassifiedTransaction
        let counterparty: String, account: String, text: String

        var values: [String: Any] {
            let t = transaction
            return ["on": t.bookedOn, "amount": Fen(t.amountFen).yuanText, "income": t.amountFen > 0, "category": t.category.chineseName,
                    "counterparty": counterparty, "account": account, "text": text, "accountNumber": t.accountNumber]
        }

        var cells: [XLSXWorkbook.Cell] {
            let t = transaction
            return [.text(t.bookedOn), .text(t.accountNumber), .decimal(fen: t.amountFen), .text(t.category.chineseName),
                    .text(counterparty), .text(account), .text(text)]
        }
    }

    /// The month's transactions, newest first, filtered by category and masked.
    func listed() -> [PublicFlow] {
        guard let month else { return [] }
        return transactions.filter { month.contains(CalendarDate(parsing: $0.bookedOn) ?? month.firstDay) && (category == nil || $0.category == category) }
            .reversed().map { t in
                let others = resolver.resolve(t.counterpartyName).kind.isOrganisation ? [] : [t.counterpartyName ?? ""]
                return PublicFlow(transaction: t, counterparty: resolver.publicName(t.counterpartyName),
                                  account: resolver.publicAccount(t.counterpartyAccount, of: t.counterpartyName),
                                  text: resolver.maskingPeople(in: [t.summary, t.purpose].compactMap { $0 }.joined(separator: " "), others: others))
            }
    }

    var download: TableDownload {
        let name = "\(area.name)集体资金流水-\(month?.description ?? "")" + (category.map { "-\($0.chineseName)" } ?? "")
        return TableDownload(fileName: name, sheets: [.init(name: "资金流水", header: ["记账日期", "本方账户", "金额（元）", "类别", "对方", "对方账户", "摘要"],
                                                            rows: listed().map(\.cells))])
    }

    /// The last 24 months' closing balances and the last 12 months' income and spending.
    var charts: (balance: String, monthly: String) {
        let recent = Array(ledger.months.suffix(24)), year = Array(ledger.months.suffix(12))
        let balance = LineChart(labels: recent.map(\.period.description), fen: recent.map(\.closingFen)).svg
        let monthly = BarChart(labels: year.map { String($0.period.description.suffix(5)) }, series: [
            .init(name: "收入", colour: "#2e7d32", values: year.map(\.incomeFen)),
            .init(name: "支出", colour: "#b3261e", values: year.map(\.spendingFen)),
        ]).svg
        return (balance, monthly)
    }

    var flowDiagram: String {
        let byCategory = month.flatMap(ledger.month)?.byCategory ?? [:]
        let flows = FundsCategory.allCases.map { FlowDiagram.Flow(label: $0.chineseName, amountFen: byCategory[$0] ?? 0) }
        let sides = Dictionary(grouping: zip(FundsCategory.allCases, flows)) { $0.0.isIncome }
        return FlowDiagram(sources: (sides[true] ?? []).map(\.1), hub: "\(area.name)集体账户", destinations: (sides[false] ?? []).map(\.1)).svg
    }

    func categoryTable(_ income: Bool) -> [[String: Any]] {
        let byCategory = month.flatMap(ledger.month)?.byCategory ?? [:]
        return FundsCategory.allCases.filter { $0.isIncome == income && byCategory[$0, default: 0] != 0 }
            .map { ["name": $0.chineseName, "amount": Fen(byCategory[$0] ?? 0).yuanText, "value": $0.rawValue] }
    }

    var reconciliation: [String: Any]? {
        guard let statement, let month else { return nil }
        let check = FinanceReconciliation(statement: statement.statement, bank: ledger.month(month))
        return ["agrees": check.agrees, "publication": statement.publicationID, "version": statement.version,
                "lines": check.lines.map { ["name": $0.category.chineseName, "stated": Fen($0.statedFen).yuanText, "bank": Fen($0.bankFen).yuanText,
                                            "difference": Fen($0.differenceFen).yuanText, "differs": $0.differenceFen != 0] },
                "income": ["stated": Fen(check.statedIncomeFen).yuanText, "bank": Fen(check.bankIncomeFen).yuanText,
                           "difference": Fen(check.incomeDifferenceFen).yuanText, "differs": check.incomeDifferenceFen != 0],
                "spending": ["stated": Fen(check.statedSpendingFen).yuanText, "bank": Fen(check.bankSpendingFen).yuanText,
                             "difference": Fen(check.spendingDifferenceFen).yuanText, "differs": check.spendingDifferenceFen != 0]]
    }

    var values: [String: Any] {
        let current = month.flatMap(ledger.month), charts = charts, rows = listed()
        var values: [String: Any] = [
            "area": ["code": area.code.text, "name": area.name, "isVillage": area.level == .village, "village": area.code.village?.text ?? ""],
            "hasFlows": !ledger.months.isEmpty, "month": month?.description ?? "", "monthName": month?.chineseName ?? "",
            "months": ledger.months.reversed().map { ["value": $0.period.description, "selected": $0.period == month] },
            "categories": FundsCategory.allCases.map { ["value": $0.rawValue, "name": $0.chineseName, "selected": $0 == category] },
            "category": category?.rawValue ?? "", "opening": Fen(current?.openingFen ?? 0).yuanText, "closing": Fen(current?.closingFen ?? 0).yuanText,
            "income": Fen(current?.incomeFen ?? 0).yuanText, "spending": Fen(current?.spendingFen ?? 0).yuanText,
            "incomeLines": categoryTable(true), "spendingLines": categoryTable(false),
            "rows": rows.map(\.values), "hasRows": !rows.isEmpty, "flowSVG": flowDiagram,
            "balanceSVG": charts.balance, "monthlySVG": charts.monthly,
        ]
        values["reconciliation"] = reconciliation ?? false
        values["statementMissing"] = area.level == .village && statement == nil && month != nil
        return values
    }
}
