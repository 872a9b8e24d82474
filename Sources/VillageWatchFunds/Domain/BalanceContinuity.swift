/// Running-balance continuity of one account: each transaction's balance must equal the previous
/// balance plus its amount. A jump means the bank flow is missing entries (or has extra ones),
/// reported as an alert for the account and the month where it shows.
public enum BalanceContinuity {
    public struct Entry: Sendable, Equatable {
        public let transactionID: String
        /// `YYYY-MM-DD`, China Standard Time.
        public let bookedOn: String
        public let amountFen: Int64
        public let balanceFen: Int64?

        public init(transactionID: String, bookedOn: String, amountFen: Int64, balanceFen: Int64?) {
            self.transactionID = transactionID
            self.bookedOn = bookedOn
            self.amountFen = amountFen
            self.balanceFen = balanceFen
        }
    }

    public struct Alert: Sendable, Equatable {
        public let account: String
        /// `YYYY-MM` of the transaction where the jump shows.
        public let month: String
        public let transactionID: String
        public let expectedFen: Int64
        public let foundFen: Int64

        /// What is missing between the two balances (positive: money in that the flow lacks).
        public var differenceFen: Int64 { foundFen - expectedFen }
    }

    /// `entries` in booking order. Entries without a balance are skipped (and carry the running
    /// expectation forward by their amount).
    public static func check(account: String, _ entries: [Entry]) -> [Alert] {
        var alerts: [Alert] = []
        var expected: Int64?
        for entry in entries {
            if let balance = entry.balanceFen {
                if let expectedBalance = expected, expectedBalance + entry.amountFen != balance {
                    alerts.append(Alert(account: account, month: String(entry.bookedOn.prefix(7)), transactionID: entry.transactionID,
                                        expectedFen: expectedBalance + entry.amountFen, foundFen: balance))
                }
                expected = balance
            } else if let running = expected {
                expected = running + entry.amountFen
            }
        }
        return alerts
    }
}
