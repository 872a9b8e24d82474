import Foundation
import Testing
import VillageWatchCore
@testable import VillageWatchEchoWall

/// The echo wall's rules without storage: routing by kind, escalation, ratings and reopening,
/// what the public sees, receipt codes, and the checks on a submission.
@Suite struct EchoDomainTests {
    let workflow = EchoWorkflow()
    let village = AreaCode("440882100200")!

    func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func eachKindStartsAtItsLevelWithItsLimit() {
        #expect(EchoItemKind.question.firstLevel == .village && EchoItemKind.complaint.firstLevel == .town && EchoItemKind.report.firstLevel == .commission)
        let complaint = workflow.submitted(.complaint, on: day("2026-11-02"))
        #expect(complaint.acknowledgeBy == day("2026-11-03") && complaint.answerBy == day("2026-11-23"))   // 15 working days
        #expect(EchoLevel.town.handlerArea(village: village).text == "440882100000")
        #expect(EchoLevel.commission.handlerArea(village: village).text == "440882000000")
    }

    @Test func lateItemsClimbOneLevelAtATimeAndStopAtTheCommission() throws {
        let question = workflow.submitted(.question, on: day("2026-09-30"))
        #expect(workflow.escalated(question, on: day("2026-10-08")) == nil)     // the holiday week does not count
        let town = try #require(workflow.escalated(question, on: day("2026-10-09")))
        #expect(town.level == .town && town.answerBy == day("2026-10-15") && town.acknowledgeBy == day("2026-10-10"))
        let commission = try #require(workflow.escalated(town, on: day("2026-10-19")))
        #expect(commission.level == .commission)
        #expect(workflow.escalated(commission, on: day("2026-12-31")) == nil)
        var answered = question
        answered.status = .answered
        #expect(workflow.escalated(answered, on: day("2026-12-31")) == nil)
    }

    @Test func ratingsAndTheOneReopening() throws {
        var state = workflow.submitted(.suggestion, on: day("2026-11-02"))
        #expect(throws: EchoProblem.self) { try workflow.checkRating(5, reopen: false, state: state) }    // not answered yet
        state.status = .answered
        #expect(throws: EchoProblem.self) { try workflow.checkRating(0, reopen: false, state: state) }
        #expect(throws: EchoProblem.self) { try workflow.checkRating(4, reopen: true, state: state) }    // satisfied: no reopening
        try workflow.checkRating(2, reopen: true, state: state)
        let again = workflow.reopened(state, on: day("2026-11-16"))
        #expect(again.status == .reopened && again.reopened && again.answerBy == day("2026-11-30"))
        var answeredAgain = again
        answeredAgain.status = .answered
        #expect(throws: EchoProblem.self) { try workflow.checkRating(1, reopen: true, state: answeredAgain) }
        try workflow.checkRating(1, reopen: false, state: answeredAgain)
    }

    @Test func answersAreChecked() throws {
        #expect(throws: EchoProblem.self) { try workflow.check(answer: "好", status: .submitted) }
        #expect(throws: EchoProblem.self) { try workflow.check(answer: "已经修好了路灯。", status: .answered) }
        #expect(try workflow.check(answer: "  已经修好了路灯。 ", status: .reopened) == "已经修好了路灯。")
    }

    @Test func publicTextMasksNumbers() {
        #expect(Masking.numbers(in: "我的电话13812345678，身份证440882198003030034，卡号6217001234567890123")
                == "我的电话****5678，身份证4408**********0034，卡号****0123")
        #expect(Masking.numbers(in: "2026年10月修了3次，2026-11-30 前答复") == "2026年10月修了3次，2026-11-30 前答复")
        #expect(Masking.numbers(in: "电话 139 1234 5678 或 139-1234-5678，卡 6228-4800-1234-5678") == "电话 ****5678 或 ****5678，卡 ****5678")
        #expect(Masking.numbers(in: "电话１３９１２３４５６７８") == "电话****5678")                     // full-width digits
        #expect(Masking.numbers(in: "卡号622848001234567812") == "卡号****7812")                      // 18 digits, not a valid ID number
        #expect(Masking.names(in: "邻居林海说", isPerson: { $0 == "林海" }) == "邻居林*说")
    }

    @Test func receiptCodesAreRandomAndForgivingToType() {
        let code = ReceiptCode.generate()
        #expect(code.count == 19 && code.split(separator: "-").count == 4)
        #expect(ReceiptCode.generate() != code)
        #expect(ReceiptCode.hash(code.lowercased().replacingOccurrences(of: "-", with: " ")) == ReceiptCode.hash(code))
    }

    @Test func submissionsAreChecked() throws {
        func check(_ s: EchoSubmission) -> String? {
            do throws(EchoProblem) { _ = try s.checked(); return nil } catch { return error.reason }
        }
        let base = EchoSubmission(kind: .question, category: .finances, village: village, text: "村里的账目什么时候公开？")
        #expect(check(base) == nil)
        #expect(check(EchoSubmission(kind: .question, category: .finances, village: village, text: "  好 ")) != nil)
        #expect(check(EchoSubmission(kind: .question, category: .finances, village: village, text: String(repeating: "长", count: 2001))) != nil)
        #expect(check(EchoSubmission(kind: .question, category: .finances, village: AreaCode("440882100000")!, text: "村里的账目什么时候公开？")) != nil)
        var named = base
        named.reporterName = "陈小强"
        #expect(check(named)?.contains("手机") == true)
        named.phone = "138-1234-5678"
        #expect(try named.checked().reporter?.phone == "13812345678")
        var photos = base
        photos.photos = [.init(fileName: "a.jpg", bytes: Data("<html><script>".utf8))]
        #expect(check(photos)?.contains("a.jpg") == true)
        photos.photos = Array(repeating: .init(fileName: "p.png", bytes: Self.png), count: 7)
        #expect(check(photos)?.contains("6") == true)
        photos.photos = [.init(fileName: "big.png", bytes: Self.png + Data(count: EchoSubmission.maxPhotoBytes))]
        #expect(check(photos)?.contains("5 MB") == true)
        photos.photos = [.init(fileName: "p.png", bytes: Self.png)]
        #expect(check(photos) == nil)
        #expect(try EchoSubmission(kind: .question, category: .other, village: village, text: "a\u{7}<b>路灯</b>坏了").checked().text == "a<b>路灯</b>坏了")
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
                           0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])

    @Test func statsAreIntegerRatios() {
        var stats = EchoStats()
        stats.due = 3; stats.answered = 2; stats.answeredOnTime = 1; stats.ratings = 3; stats.ratingSum = 13; stats.reopened = 1
        #expect(stats.replyRate == "67%" && stats.onTimeRate == "50%" && stats.averageRating == "4.3" && stats.reopenRate == "50%")
        #expect(EchoStats().replyRate == "—" && EchoStats().averageRating == "—")
    }

    @Test func countyRulesComeFromJSON() throws {
        let rules = try JSONDecoder().decode(EchoRules.self, from: Data(#"{"answerDays": {"question": 3, "suggestion": 7, "complaint": 10, "report": 10}}"#.utf8))
        #expect(rules.answerDays[.question] == 3 && rules.acknowledgeDays == 1 && rules.escalatedDays == 5)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(EchoRules.self, from: Data(#"{"acknowledgeDays": 0}"#.utf8)) }
    }
}
