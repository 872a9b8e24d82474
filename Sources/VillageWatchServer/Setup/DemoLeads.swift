import Foundation
import VillageWatchCore
import VillageWatchSupervision

/// The demo's supervision desk at work: leads opened by the town's supervision officer on
/// findings of the town, one or more in each state — open (one past its deadline, one with the
/// village's supervision committee), verifying with a note, confirmed with money recovered,
/// confirmed as a filing review, cleared with a reason.
struct DemoLeads {
    let database: Database
    let today: CalendarDate

    /// What happens to each lead, in the order the findings are taken: the steps that need a
    /// particular kind of finding first.
    enum Step: CaseIterable {
        case recovered, filingReview, open, overdue, committee, verifying, cleared
    }

    /// Opens the leads as `username` (the demo's supervision officer); returns how many.
    func open(as username: String) async throws -> Int {
        guard let user = try await UserStore(database: database).user(username: username) else { return 0 }
        let officer = user.principal
        let findings = try await FindingStore(database: database).list(within: officer.scope, code: nil, includeResolved: false, limit: 2_000)
        let leads = LeadStore(database: database)
        var used = Set<Int64>(), opened = 0
        for step in Step.allCases {
            guard let finding = pick(for: step, from: findings, except: used) else { continue }
            used.insert(finding.id)
            let due = today.adding(days: step == .overdue ? -5 : LeadWorkflow.defaultDays)
            let lead = try await leads.open(finding: finding, assignee: step == .committee ? nil : officer.username, dueOn: due, by: officer)
            try await advance(lead, step: step, finding: finding, leads: leads, officer: officer)
            opened += 1
        }
        return opened
    }

    /// A filing review needs a cadre-relative finding; money is recovered on a payment (a dead
    /// recipient's, preferably), else on unpaid rent; the others take findings of different
    /// codes, for variety. The officer's town need not hold every kind of finding.
    private func pick(for step: Step, from findings: [StoredFinding], except used: Set<Int64>) -> StoredFinding? {
        let free = findings.filter { !used.contains($0.id) }
        switch step {
        case .filingReview: return free.first { $0.code == .benCadreRelativeUnfiled }
        case .recovered:
            return free.first { $0.code == .benDeceased } ?? free.first { $0.code.rawValue.hasPrefix("BEN-") && $0.code != .benCadreRelativeUnfiled }
                ?? free.first { $0.code == .conRentArrears }
        default:
            let usedCodes = Set(findings.filter { used.contains($0.id) }.map(\.code))
            return free.first { !usedCodes.contains($0.code) } ?? free.first
        }
    }

    private func advance(_ lead: Int64, step: Step, finding: StoredFinding, leads: LeadStore, officer: Principal) async throws {
        switch step {
        case .open, .overdue, .committee:
            return
        case .verifying:
            try await leads.addNote(lead: lead, note: "已调取相关凭证，约谈村报账员，待村委会书面说明。", by: officer)
        case .recovered:
            let benefit = finding.code.rawValue.hasPrefix("BEN-")
            try await leads.addNote(lead: lead, note: finding.code == .benDeceased ? "入户核实：领取人已于登记日期去世，家属承认代领。"
                                        : "核实属实，已责令将款项退回（补缴）村集体账户。", by: officer)
            try await leads.close(lead: lead, outcome: .confirmed(recoveredFen: finding.amountFen, benefitStopped: benefit, filingAdded: false,
                                                                 referred: false, summary: benefit ? "已停发并追回多发资金" : "承包方已补缴逾期承包费"), by: officer)
        case .filingReview:
            try await leads.addNote(lead: lead, note: "经核实，申请人符合低保条件，但未按规定近亲属备案。", by: officer)
            try await leads.close(lead: lead, outcome: .confirmed(recoveredFen: 0, benefitStopped: false, filingAdded: true, referred: false,
                                                                 summary: "已补充近亲属备案，经镇审核确认"), by: officer)
        case .cleared:
            try await leads.close(lead: lead, outcome: .cleared(reason: "经核实为正常业务往来，凭证齐全。"), by: officer)
        }
    }
}
