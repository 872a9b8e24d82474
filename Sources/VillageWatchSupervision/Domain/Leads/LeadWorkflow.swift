import Foundation

/// The rules of a lead's life, apart from storage so they can be tested alone: who may act on
/// it, which transitions are allowed, and the protection 民发〔2022〕83号 gives cadres' relatives
/// — a cadre-relative finding opens a filing review (备案审查); the platform never stops such a
/// benefit because of the relationship alone.
public enum LeadWorkflow {
    public static let defaultDays = 30

    /// Findings about closeness to cadres: reviewed as a filing question, not a fraud.
    public static func isFilingReview(_ code: FindingCode) -> Bool {
        code == .benCadreRelativeUnfiled
    }

    public static func title(for code: FindingCode) -> String {
        isFilingReview(code) ? "近亲属备案审查：\(code.chineseName)" : code.chineseName
    }

    /// Checks an outcome against the lead's state and kind; the reason is shown on the form.
    public static func check(_ outcome: LeadOutcome, status: LeadStatus, code: FindingCode) throws(LeadProblem) {
        guard !status.isClosed else { throw LeadProblem("该线索已办结（\(status.chineseName)），不能再次办结") }
        switch outcome {
        case .cleared(let reason):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw LeadProblem("排除须说明理由") }
        case .confirmed(let recovered, let stopped, let filed, let referred, let summary):
            guard recovered >= 0 else { throw LeadProblem("追回金额不能为负") }
            guard !summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw LeadProblem("查实须填写核实情况") }
            guard recovered > 0 || stopped || filed || referred else { throw LeadProblem("查实须至少选择一项处理结果：追回资金、停发、补充备案或移送纪委监委") }
            if stopped, isFilingReview(code) {
                throw LeadProblem("村干部近亲属享受救助须经备案审查，不能因亲属关系直接停发（民发〔2022〕83号）；请选择补充备案或移送")
            }
        }
    }
}

/// A refused lead action, in Chinese for the form.
public struct LeadProblem: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
