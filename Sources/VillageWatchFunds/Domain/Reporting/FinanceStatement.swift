import VillageWatchCore
import VillageWatchPublications

/// A village's monthly finance statement (月度财务收支公开): generated from the month's
/// classified bank flows, then corrected by the clerk where the books know better than the
/// bank's summaries — every corrected line carries its reason, because a statement that
/// silently differs from the bank is exactly what villagers are told to look for.
public struct FinanceStatement: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let category: FundsCategory
        /// What the statement publishes.
        public let amountFen: Int64
        /// What the bank flows said when the statement was prepared.
        public let generatedFen: Int64
        public let reason: String?

        public init(category: FundsCategory, amountFen: Int64, generatedFen: Int64, reason: String?) {
            self.category = category
            self.amountFen = amountFen
            self.generatedFen = generatedFen
            self.reason = reason
        }
    }

    public let period: PublicationPeriod
    public let openingFen: Int64
    /// Every category, in `FundsCategory` order.
    public let lines: [Line]

    public init(period: PublicationPeriod, openingFen: Int64, lines: [Line]) {
        self.period = period
        self.openingFen = openingFen
        self.lines = FundsCategory.allCases.map { category in
            lines.first { $0.category == category } ?? Line(category: category, amountFen: 0, generatedFen: 0, reason: nil)
        }
    }

    /// The statement exactly as the bank flows give it.
    public static func generated(_ period: PublicationPeriod, from month: FundsLedger.Month?, openingFen: Int64) -> FinanceStatement {
        FinanceStatement(period: period, openingFen: month?.openingFen ?? openingFen, lines: FundsCategory.allCases.map {
            let amount = month?.byCategory[$0] ?? 0
            return Line(category: $0, amountFen: amount, generatedFen: amount, reason: nil)
        })
    }

    /// The clerk's corrections: an amount per category (yuan text) and a reason for each that
    /// differs from the generated figure. Refuses a negative or unreadable amount and a change
    /// without a reason, naming the category.
    public func corrected(amounts: [FundsCategory: String], reasons: [FundsCategory: String]) throws -> FinanceStatement {
        let lines = try lines.map { line -> Line in
            guard let text = amounts[line.category]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return line }
            guard let amount = Fen(yuan: text)?.value, amount >= 0 else {
                throw FinanceStatementProblem("\(line.category.chineseName)：金额“\(text)”无法识别，请填写不小于 0 的元金额，如 1234.50")
            }
            let reason = reasons[line.category]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard amount == line.generatedFen || !reason.isEmpty else {
                throw FinanceStatementProblem("\(line.category.chineseName)：金额与银行流水（\(Fen(line.generatedFen).yuanText) 元）不同，须说明理由")
            }
            guard reason.count <= 200 else { throw FinanceStatementProblem("\(line.category.chineseName)：理由请在 200 字以内") }
            return Line(category: line.category, amountFen: amount, generatedFen: line.generatedFen, reason: amount == line.generatedFen ? nil : reason)
        }
        return FinanceStatement(period: period, openingFen: openingFen, lines: lines)
    }

    public var incomeFen: Int64 { lines.filter { $0.category.isIncome }.reduce(0) { $0 + $1.amountFen } }
    public var spendingFen: Int64 { lines.filter { !$0.category.isIncome }.reduce(0) { $0 + $1.amountFen } }
    public var closingFen: Int64 { openingFen + incomeFen - spendingFen }
    public var isCorrected: Bool { lines.contains { $0.reason != nil } }

    public var title: String { "\(period.chineseName)财务收支公开" }
}

/// A refused statement, in Chinese for the form.
public struct FinanceStatementProblem: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
