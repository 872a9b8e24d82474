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

    /// The finding it must raise, as a planted case.
    var plantedCase: DemoCase? {
        let village = String(account.dropFirst(4).prefix(12))
        let (name, code): (String, String)
        switch kind {
        case .paymentToRelative: (name, code) = ("money out to a cadre's declared relative", "BANK-TO-CADRE")
        case .splitPayment: (name, code) = ("three payments to one supplier within 5 days, each below the threshold", "BANK-SPLIT")
        case .cashWithdrawal: (name, code) = ("cash withdrawal above the limit", "BANK-CASH")
        case .balanceGap: return nil
        }
        return DemoCase(name: name, code: code, shouldFire: true, villageCode: village, subject: transactionIDs[0])
    }
}
