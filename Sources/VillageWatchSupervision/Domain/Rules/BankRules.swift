import Foundation
import VillageWatchCore

/// The bank-flow rules (BANK-*): each money-out line of a collective account is checked on its
/// own (cash, payees close to cadres), in runs to one payee (split payments), and in totals per
/// village and month or year against the finance publications and Benford's law.
public struct BankRules: Sendable {
    typealias Flow = ScreeningWorld.BankFlow
    let world: ScreeningWorld
    let kinship: Kinship
    let thresholds: ScreeningThresholds

    /// Lines marked as pay for the village's own cadres are what cadres are owed, not a leak.
    static let payrollWords = ["工资", "误工补贴"]

    /// `kinship` is built from the same world; the engine builds it once for every family.
    public init(world: ScreeningWorld, thresholds: ScreeningThresholds, kinship: Kinship? = nil) {
        self.world = world
        self.thresholds = thresholds
        self.kinship = kinship ?? Kinship(world: world)
    }

    public func findings(_ codes: Set<FindingCode>) -> [Finding] {
        let out = world.bankFlows.filter(\.isOut)
        var result: [Finding] = []
        if codes.contains(.bankSplit) { result += splits(out) }
        if codes.contains(.bankCash) { result += out.compactMap(cash) }
        if codes.contains(.bankToCadre) { result += out.compactMap(toCadre) }
        if codes.contains(.bankUnpublished) { result += unpublished(out) }
        if codes.contains(.bankBenford) { result += benford(out) }
        return result
    }

    func lineFinding(_ code: FindingCode, _ flow: Flow, evidence: [(String, EvidenceValue)]) -> Finding {
        Finding(code: code, villageCode: flow.villageCode,
                subject: [("account_number", .text(flow.accountNumber)), ("transaction_id", .text(flow.transactionID))],
                amountFen: flow.outFen, evidence: [("booked_on", .text(flow.bookedOn.description))] + evidence)
    }

    /// Payments below the approval threshold to one payee from one account, grouped into runs
    /// of `splitWindowDays` calendar days from a run's first payment. A run that reaches the
    /// threshold is one finding and its payments are not reused; otherwise the window moves on
    /// by one payment. Payments at or above the threshold were approved and never count.
    func splits(_ out: [Flow]) -> [Finding] {
        let small = out.filter { $0.outFen < thresholds.approvalThresholdFen && $0.counterparty != nil }
        let byPayee = Dictionary(grouping: small) { $0.accountNumber + "|" + $0.counterparty! }
        return byPayee.values.flatMap { splitRuns($0.sorted(by: Flow.chronological)) }
    }

    func splitRuns(_ flows: [Flow]) -> [Finding] {
        var result: [Finding] = [], start = 0
        while start < flows.count {
            let first = flows[start].bookedOn
            let run = Array(flows[start...].prefix { first.days(to: $0.bookedOn) < thresholds.splitWindowDays })
            let total = run.reduce(0) { $0 + $1.outFen }
            guard run.count >= 2, total >= thresholds.approvalThresholdFen else { start += 1; continue }
            result.append(splitFinding(run, total: total))
            start += run.count
        }
        return result
    }

    func splitFinding(_ run: [Flow], total: Int64) -> Finding {
        Finding(code: .bankSplit, villageCode: run[0].villageCode,
                subject: [("account_number", .text(run[0].accountNumber)), ("transaction_ids", .texts(run.map(\.transactionID)))],
                amountFen: total,
                evidence: [("counterparty_name", .text(run[0].counterparty!)), ("booked_on", .texts(run.map(\.bookedOn.description))),
                           ("amounts_fen", .integers(run.map(\.outFen))), ("total_fen", .integer(total)),
                           ("approval_threshold_fen", .integer(thresholds.approvalThresholdFen)),
                           ("window_days", .integer(Int64(thresholds.splitWindowDays)))])
    }

    func cash(_ flow: Flow) -> Finding? {
        guard flow.outFen > thresholds.cashLimitFen, flow.isCashWithdrawal else { return nil }
        return lineFinding(.bankCash, flow, evidence: [("channel", .text(flow.channel ?? "")), ("summary", .text(flow.summary ?? "")),
                                                       ("purpose", .text(flow.purpose ?? "")), ("cash_limit_fen", .integer(thresholds.cashLimitFen))])
    }

    /// A bank line carries the payee's name only, so the tie is found by name among the cadres
    /// serving on the booking date and the relatives they declared.
    func toCadre(_ flow: Flow) -> Finding? {
        guard let name = flow.counterparty,
              let tie = kinship.cadreTie(named: name, in: flow.villageCode, from: flow.bookedOn, to: flow.bookedOn, household: false),
              !flow.mentions(Self.payrollWords) else { return nil }
        return lineFinding(.bankToCadre, flow, evidence: [("counterparty_name", .text(name)), ("cadre_name", .text(tie.cadre.name)),
                                                          ("cadre_id_number", .text(tie.cadre.id)), ("cadre_position", .text(tie.cadre.position)),
                                                          ("tie", .text(tie.tie)), ("match_basis", .text("按户名匹配（银行流水只有户名）")),
                                                          ("summary", .text(flow.summary ?? "")), ("purpose", .text(flow.purpose ?? ""))])
    }

    /// Each village and month with money out, against that month's published spending.
    func unpublished(_ out: [Flow]) -> [Finding] {
        let due = out.filter { flow in world.financeDueThrough.map { flow.month <= $0 } ?? true }
        return Dictionary(grouping: due) { $0.villageCode + "|" + $0.month }.compactMap { key, flows in
            let spent = flows.reduce(0) { $0 + $1.outFen }
            let published = world.publishedSpending[key]
            guard published != spent else { return nil }
            let shown: (String, EvidenceValue) = published.map { ("published_spending_fen", .integer($0)) } ?? ("published", .text("未公开"))
            return Finding(code: .bankUnpublished, villageCode: flows[0].villageCode, subject: [("period", .text(flows[0].month))],
                           amountFen: published.map { abs(spent - $0) } ?? spent,
                           evidence: [("bank_out_fen", .integer(spent)), shown, ("transactions", .integer(Int64(flows.count)))])
        }
    }

    /// Each village and calendar year with enough money-out lines for the test to mean anything.
    func benford(_ out: [Flow]) -> [Finding] {
        Dictionary(grouping: out) { $0.villageCode + "|" + String($0.bookedOn.year) }.compactMap { _, flows in
            guard flows.count >= thresholds.benfordMinimumCount else { return nil }
            let test = BenfordTest(amountsFen: flows.map(\.outFen))
            guard test.mad > thresholds.benfordMADLimit else { return nil }
            return Finding(code: .bankBenford, villageCode: flows[0].villageCode, subject: [("period", .text(String(flows[0].bookedOn.year)))],
                           amountFen: flows.reduce(0) { $0 + $1.outFen },
                           evidence: [("mad", .decimal(test.madText)), ("count", .integer(test.count)),
                                      ("mad_limit", .decimal(String(format: "%.4f", thresholds.benfordMADLimit))), ("first_digit_counts", .integers(test.digitCounts))])
        }
    }
}
