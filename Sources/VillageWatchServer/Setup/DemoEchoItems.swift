import Foundation
import Synchronization
import VillageWatchCore
import VillageWatchDemo
import VillageWatchEchoWall

/// A year of echo wall items in every town, lived day by day through the real store so that
/// deadlines, escalations and statistics come out as they would: most answered on time and
/// rated, some answered late, some escalated to the town for want of an acknowledgement, some
/// reopened once and answered again, a few never answered (escalated up to the commission and
/// overdue there), the last fortnight's still waiting.
struct DemoEchoItems {
    let database: Database
    let box: SecretBox
    let today: CalendarDate
    static let perTown = 48
    /// The demo's Open311 key, printed at start (a real installation issues keys with
    /// `villagewatch open311 key add`).
    static let open311Key = "vw311_demo_leizhou_miniprogram_2026"

    enum Fate { case onTime, late, escalated, reopened, unrated, ignored }

    /// One thing done on one day; acknowledging and answering happen at whatever level the item
    /// has reached by then.
    enum Action {
        case submit, acknowledge, answer(String), rate(Int, reopen: Bool)
    }

    func install(villages: [Area], log: @Sendable (String) -> Void) async throws -> Int {
        let started = Date(), clock = DemoClock()
        let store = EchoItemStore(database: database, clock: clock, box: box, notifier: SilentNotifier())
        var rng = DemoRandom(seed: 2026, label: "echo wall")
        let plans = Dictionary(grouping: villages, by: { $0.code.town! }).sorted { $0.key < $1.key }
            .flatMap { _, villages in (0..<Self.perTown).map { _ in plan(villages: villages, workflow: store.workflow, rng: &rng) } }
        var schedule: [CalendarDate: [(Int, Action)]] = [:]
        for (index, plan) in plans.enumerated() { for (day, action) in plan.actions { schedule[day, default: []].append((index, action)) } }
        var receipts: [Int: EchoItemStore.Receipt] = [:]
        for offset in stride(from: 366, through: 1, by: -1) {
            let day = today.adding(days: -offset)
            clock.set(day, hour: 9)
            for (index, action) in schedule[day] ?? [] {
                try await perform(action, plan: plans[index], receipt: &receipts[index], store: store)
            }
            clock.set(day, hour: 18)
            try await store.escalateOverdue()
        }
        try await Open311KeyStore(database: database).add(name: "demo-miniprogram", key: Self.open311Key, by: .system)
        log("demo echo wall: \(receipts.count) items in \(plans.count / Self.perTown) towns over the last year"
            + String(format: " in %.1f s", Date().timeIntervalSince(started)))
        return receipts.count
    }

    struct Plan {
        let submission: EchoSubmission
        let actions: [(CalendarDate, Action)]
    }

    private func plan(villages: [Area], workflow: EchoWorkflow, rng: inout DemoRandom) -> Plan {
        let entry = rng.pick(DemoEchoTexts.entries)
        let kind = EchoItemKind(rawValue: entry.kind)!, day = today.adding(days: -rng.int(1...365))
        var submission = EchoSubmission(kind: kind, category: EchoCategory(rawValue: entry.category)!, village: rng.pick(villages).code, text: entry.text)
        if rng.chance(0.4) {
            submission.reporterName = DemoNames.villagerName(rng: &rng)
            submission.phone = "13" + String(rng.int(100_000_000...999_999_999))
        }
        let state = workflow.submitted(kind, on: day), calendar = workflow.calendar
        let fates: [Fate] = kind == .report ? [.onTime, .onTime, .onTime, .late, .unrated] : [.onTime, .onTime, .onTime, .onTime, .onTime, .late, .escalated, .reopened, .unrated, .ignored]
        let fate = rng.pick(fates)
        let answerDay = calendar.workingDay(rng.int(1...max(1, workflow.rules.answerDays[kind] - 1)), after: day)
        let rating = rng.chance(0.7) ? 5 : rng.int(3...4)
        var actions: [(CalendarDate, Action)] = [(day, .submit)]
        switch fate {
        case .onTime, .unrated:
            actions += [(day, .acknowledge), (answerDay, .answer(entry.answer))]
            if fate == .onTime { actions.append((answerDay.adding(days: rng.int(1...4)), .rate(rating, reopen: false))) }
        case .late:
            actions += [(day, .acknowledge), (state.answerBy.adding(days: 1), .answer(entry.answer)),
                        (state.answerBy.adding(days: 3), .rate(rng.int(2...4), reopen: false))]
        case .escalated:
            // Not acknowledged by the village: escalated that evening; the town takes it the next morning.
            let escalated = state.acknowledgeBy!.adding(days: 1), answered = calendar.workingDay(3, after: escalated)
            actions += [(escalated.adding(days: 1), .acknowledge), (answered, .answer(entry.answer)), (answered.adding(days: 2), .rate(rng.int(3...5), reopen: false))]
        case .ignored:
            break
        case .reopened:
            let again = calendar.workingDay(rng.int(2...4), after: answerDay.adding(days: 2))
            actions += [(day, .acknowledge), (answerDay, .answer("已转相关部门办理，请耐心等待。")),
                        (answerDay.adding(days: 2), .rate(rng.int(1...2), reopen: true)), (again, .answer(entry.answer)),
                        (again.adding(days: 2), .rate(rng.int(3...5), reopen: false))]
        }
        return Plan(submission: submission, actions: actions)
    }

    /// Does the planned step; one the workflow refuses (the same text twice in a village within
    /// a day) is left out, as a villager's would be.
    private func perform(_ action: Action, plan: Plan, receipt: inout EchoItemStore.Receipt?, store: EchoItemStore) async throws {
        do {
            try await attempt(action, plan: plan, receipt: &receipt, store: store)
        } catch is EchoProblem {
            return
        }
    }

    private func attempt(_ action: Action, plan: Plan, receipt: inout EchoItemStore.Receipt?, store: EchoItemStore) async throws {
        let village = plan.submission.village
        switch (action, receipt) {
        case (.submit, _):
            receipt = try await store.submit(plan.submission, from: .web(address: "demo-\(village.text)"))
        case (.acknowledge, let receipt?):
            let level = try await store.item(receipt.id)!.level
            try await store.acknowledge(receipt.id, at: level, by: handler(level, village))
        case (.answer(let text), let receipt?):
            let level = try await store.item(receipt.id)!.level
            try await store.answer(receipt.id, text: text, at: level, by: handler(level, village))
        case (.rate(let rating, let reopen), let receipt?):
            try await store.rate(receipt: receipt.code, rating: rating, reopen: reopen, address: "demo")
        case (_, nil):
            return
        }
    }

    /// A handler of the level (the demo has logins for one town only; the others act under names
    /// that say where they work).
    private func handler(_ level: EchoLevel, _ village: AreaCode) -> Principal {
        let (role, scope): (Role, AreaCode) = switch level {
        case .village: (.villageClerk, village)
        case .town: (.townOfficer, village.town!)
        case .commission: (.supervisionOfficer, village.town!)
        }
        return Principal(userID: 0, username: "demo-\(role.rawValue)-\(scope.text)", displayName: role.chineseName, role: role, scope: scope)
    }
}

/// The demo's clock, moved day by day while its year of items is played.
final class DemoClock: WallClock {
    private let current = Mutex(Date(timeIntervalSince1970: 0))

    func now() -> Date { current.withLock { $0 } }

    /// `hour` o'clock in China on `day`.
    func set(_ day: CalendarDate, hour: Int) {
        current.withLock { $0 = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + (hour - 8) * 3600)) }
    }
}

/// The demo's items notify nobody.
struct SilentNotifier: Notifier {
    func send(_ notification: VillageWatchCore.Notification) async {}
}
