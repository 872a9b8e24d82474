import VillageWatchPublications

/// A village's finance publications over recent months, as a town officer scans them: which
/// published statements disagree with the bank, and which months moved money but have no
/// published statement at all.
public struct FinanceCheckSummary: Sendable, Equatable {
    public let disagreeing: [PublicationPeriod]
    public let unpublished: [PublicationPeriod]

    /// `statements`: the latest published statement of each month; `months`: the months judged.
    public init(ledger: FundsLedger, statements: [FinanceStatement], months: [PublicationPeriod]) {
        let byPeriod = Dictionary(statements.map { ($0.period, $0) }, uniquingKeysWith: { first, _ in first })
        disagreeing = months.filter { period in
            byPeriod[period].map { !FinanceReconciliation(statement: $0, bank: ledger.month(period)).agrees } ?? false
        }
        unpublished = months.filter { period in
            byPeriod[period] == nil && (ledger.month(period).map { $0.incomeFen + $0.spendingFen > 0 } ?? false)
        }
    }
}
