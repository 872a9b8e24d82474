/// An irregularity planted on purpose in the demo's bank flows, so that the supervision
/// checks have something real to find. The generator lists every one it plants.
public struct DemoIrregularity: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Money out to a cadre's declared relative, not marked as payroll (BANK-TO-CADRE).
        case paymentToRelative = "payment-to-relative"
        /// Three payments to one supplier within 7 days, each below ¥5,000, together above (BANK-SPLIT).
        case splitPayment = "split-payment"
        /// A cash withdrawal above ¥2,000 (BANK-CASH).
        case cashWithdrawal = "cash-withdrawal"
        /// One transaction left out of the file: the running balance jumps (continuity alert).
        case balanceGap = "balance-gap"
    }

    public let kind: Kind
    public let account: String
    /// The transactions that show it (for a gap: the one left out).
    public let transactionIDs: [String]
    /// The counterparty involved, when there is one.
    public let counterparty: String?
}
