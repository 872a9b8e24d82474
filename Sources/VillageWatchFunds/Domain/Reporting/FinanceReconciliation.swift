import VillageWatchCore

/// A published (or prepared) finance statement set against the bank flows of the same month as
/// they stand now, category by category. A difference is not proof of wrongdoing — a late
/// correction of a category by the clerk moves the bank side too — but every one is shown to the
/// supervisors and, once published, to the villagers.
public struct FinanceReconciliation: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let category: FundsCategory
        public let statedFen: Int64
        public let bankFen: Int64
        public var differenceFen: Int64 { statedFen - bankFen }
    }

    /// Categories where either side has money, in `FundsCategory` order.
    public let lines: [Line]
    public let statedIncomeFen: Int64, bankIncomeFen: Int64
    public let statedSpendingFen: Int64, bankSpendingFen: Int64

    public init(statement: FinanceStatement, bank: FundsLedger.Month?) {
        lines = statement.lines.map { Line(category: $0.category, statedFen: $0.amountFen, bankFen: bank?.byCategory[$0.category] ?? 0) }
            .filter { $0.statedFen != 0 || $0.bankFen != 0 }
        statedIncomeFen = statement.incomeFen
        statedSpendingFen = statement.spendingFen
        bankIncomeFen = bank?.incomeFen ?? 0
        bankSpendingFen = bank?.spendingFen ?? 0
    }

    public var incomeDifferenceFen: Int64 { statedIncomeFen - bankIncomeFen }
    public var spendingDifferenceFen: Int64 { statedSpendingFen - bankSpendingFen }
    public var differences: [Line] { lines.filter { $0.differenceFen != 0 } }
    public var agrees: Bool { differences.isEmpty }
}
