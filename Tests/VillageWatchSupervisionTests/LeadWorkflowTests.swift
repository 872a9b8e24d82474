import Testing
import VillageWatchSupervision

/// The lead rules on their own: outcomes that need a reason or an action, closed leads, and the
/// protection of cadres' relatives' benefits.
@Suite struct LeadWorkflowTests {
    @Test func outcomesAreChecked() throws {
        try LeadWorkflow.check(.cleared(reason: "同名不同人"), status: .verifying, code: .benDeceased)
        #expect(throws: LeadProblem("排除须说明理由")) { try LeadWorkflow.check(.cleared(reason: " "), status: .open, code: .benDeceased) }
        #expect(throws: LeadProblem("查实须至少选择一项处理结果：追回资金、停发、补充备案或移送纪委监委")) {
            try LeadWorkflow.check(.confirmed(recoveredFen: 0, benefitStopped: false, filingAdded: false, referred: false, summary: "属实"), status: .open, code: .benVehicle)
        }
        #expect(throws: LeadProblem("该线索已办结（已排除），不能再次办结")) {
            try LeadWorkflow.check(.cleared(reason: "x"), status: .cleared, code: .benDeceased)
        }
        try LeadWorkflow.check(.confirmed(recoveredFen: 41_000, benefitStopped: true, filingAdded: false, referred: false, summary: "冒领"), status: .open, code: .benDeceased)
    }

    @Test func aCadresRelativeIsReviewedNeverStoppedAutomatically() throws {
        #expect(LeadWorkflow.isFilingReview(.benCadreRelativeUnfiled) && LeadWorkflow.title(for: .benCadreRelativeUnfiled).hasPrefix("近亲属备案审查"))
        #expect(throws: LeadProblem.self) {
            try LeadWorkflow.check(.confirmed(recoveredFen: 0, benefitStopped: true, filingAdded: false, referred: false, summary: "x"), status: .open,
                                   code: .benCadreRelativeUnfiled)
        }
        try LeadWorkflow.check(.confirmed(recoveredFen: 0, benefitStopped: false, filingAdded: true, referred: false, summary: "补充备案"), status: .open,
                               code: .benCadreRelativeUnfiled)
    }
}
