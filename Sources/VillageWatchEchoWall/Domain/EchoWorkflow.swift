import VillageWatchCore

/// The rules of an item's life, apart from storage so they can be tested alone: its deadlines
/// in working days, when it escalates, and what a handler or the villager may do next.
public struct EchoWorkflow: Sendable {
    public let rules: EchoRules
    public let calendar: WorkingCalendar

    public init(rules: EchoRules = .defaults, calendar: WorkingCalendar = .china) {
        self.rules = rules
        self.calendar = calendar
    }

    /// What the deadlines and escalation look at.
    public struct State: Sendable, Equatable {
        public var kind: EchoItemKind
        public var level: EchoLevel
        public var status: EchoStatus
        /// Pending acknowledgement by this day (`nil` once acknowledged).
        public var acknowledgeBy: CalendarDate?
        public var answerBy: CalendarDate
        public var reopened: Bool

        public init(kind: EchoItemKind, level: EchoLevel, status: EchoStatus, acknowledgeBy: CalendarDate?, answerBy: CalendarDate, reopened: Bool) {
            self.kind = kind
            self.level = level
            self.status = status
            self.acknowledgeBy = acknowledgeBy
            self.answerBy = answerBy
            self.reopened = reopened
        }
    }

    /// A new item, submitted on `day` (China Standard Time).
    public func submitted(_ kind: EchoItemKind, on day: CalendarDate) -> State {
        State(kind: kind, level: kind.firstLevel, status: .submitted, acknowledgeBy: calendar.workingDay(rules.acknowledgeDays, after: day),
              answerBy: calendar.workingDay(rules.answerDays[kind], after: day), reopened: false)
    }

    /// Late on `today`: not acknowledged or not answered after its day.
    public static func isOverdue(_ state: State, on today: CalendarDate) -> Bool {
        guard state.status.awaitsAnswer else { return false }
        return state.answerBy < today || (state.acknowledgeBy.map { $0 < today } ?? false)
    }

    /// The item one level up with fresh deadlines, when it is late and a level is left.
    public func escalated(_ state: State, on today: CalendarDate) -> State? {
        guard Self.isOverdue(state, on: today), let next = state.level.next else { return nil }
        var up = state
        up.level = next
        up.acknowledgeBy = state.acknowledgeBy == nil ? nil : calendar.workingDay(rules.acknowledgeDays, after: today)
        up.answerBy = calendar.workingDay(rules.escalatedDays, after: today)
        return up
    }

    public func check(answer: String, status: EchoStatus) throws(EchoProblem) -> String {
        guard status.awaitsAnswer else { throw EchoProblem("该事项已答复，无需再次答复") }
        let text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard EchoSubmission.textLength.contains(text.count) else {
            throw EchoProblem("答复内容应为 \(EchoSubmission.textLength.lowerBound) 至 \(EchoSubmission.textLength.upperBound) 字")
        }
        return text
    }

    /// A rating of 1–5 on an answered item; `reopen` asks for it to be handled again, allowed
    /// once and only with an unsatisfied rating (1 or 2).
    public func checkRating(_ rating: Int, reopen: Bool, state: State) throws(EchoProblem) {
        guard state.status == .answered else { throw EchoProblem(state.status == .closed ? "该事项已评价并办结" : "答复后才能评价") }
        guard (1...5).contains(rating) else { throw EchoProblem("请选择 1 至 5 星评价") }
        guard !reopen || !state.reopened else { throw EchoProblem("每个事项只能申请重新办理一次") }
        guard !reopen || rating <= 2 else { throw EchoProblem("评价为 1 或 2 星（不满意）时才能申请重新办理") }
    }

    /// The item handed back to the level that answered it, with the kind's full limit again.
    public func reopened(_ state: State, on today: CalendarDate) -> State {
        var again = state
        again.status = .reopened
        again.reopened = true
        again.answerBy = calendar.workingDay(rules.answerDays[state.kind], after: today)
        return again
    }
}

/// A refused echo wall action, in Chinese for the page.
public struct EchoProblem: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
