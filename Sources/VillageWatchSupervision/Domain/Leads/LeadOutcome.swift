/// How a lead was closed. A confirmed lead records what was done — money recovered (fen), the
/// benefit stopped, a filing added, a referral to the discipline commission — and a cleared one
/// why the finding was not a problem. Every outcome carries the officer's summary.
public enum LeadOutcome: Sendable, Equatable {
    case confirmed(recoveredFen: Int64, benefitStopped: Bool, filingAdded: Bool, referred: Bool, summary: String)
    case cleared(reason: String)

    public var status: LeadStatus {
        switch self {
        case .confirmed: .confirmed
        case .cleared: .cleared
        }
    }
}
