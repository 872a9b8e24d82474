import VillageWatchCore

/// When an account's transactions happen: the recurring ones (monthly fees, quarterly interest,
/// county transfers and cadres' pay), the planted ones, and everyday flows filling up to the
/// account's share of the demo's transactions, in booking order.
struct DemoAccountSchedule {
    let account: DemoBankAccount
    let roster: DemoVillageRoster
    let flows: DemoBankFlows
    let plant: DemoIrregularity.Kind?
    /// Lines decided beforehand (rents, planted patterns), kept whatever the account's count.
    let scripted: [DemoScriptedFlow]
    var rng: DemoRandom

    /// Everyday kinds and their weights for a village's and a group's account.
    static let villageFill: [(DemoBankEvent.Kind, Int)] = [
        (.lease, 30), (.office, 25), (.works, 8), (.welfare, 12), (.subsidy, 8), (.pettyCash, 5), (.townTransfer, 2),
    ]
    static let groupFill: [(DemoBankEvent.Kind, Int)] = [(.lease, 55), (.office, 15), (.works, 15), (.welfare, 15)]

    /// Exactly `count` events, sorted by booking time.
    mutating func events(count: Int) -> [DemoBankEvent] {
        let planted = plantedEvents() + scripted.map { event(on: $0.day, at: randomSecond(), .scripted($0)) }
        var regular = recurringEvents()
        while regular.count + planted.count > count, !regular.isEmpty { regular.swapAt(rng.below(regular.count), regular.count - 1); regular.removeLast() }
        let fill = account.isVillage ? Self.villageFill : Self.groupFill
        var cumulative: [Int] = []
        for (_, weight) in fill { cumulative.append((cumulative.last ?? 0) + weight) }
        while regular.count + planted.count < count {
            regular.append(event(on: randomDay(), at: randomSecond(), fill[rng.index(cumulative: cumulative)].0))
        }
        return (regular + planted).sorted { ($0.day, $0.second) < ($1.day, $1.second) }
    }

    private mutating func recurringEvents() -> [DemoBankEvent] {
        var events: [DemoBankEvent] = []
        for month in flows.monthStarts {
            let quarterEnd = month.month % 3 == 0, quarterStart = month.month % 3 == 1
            if account.isVillage || quarterEnd { events.append(event(on: day(25, of: month), at: 16 * 3600 + rng.below(3600), .fee)) }
            if quarterEnd { events.append(event(on: day(21, of: month), at: 9 * 3600 + rng.below(3600), .interest)) }
            if quarterStart { events += pay(in: month) }
            if account.isVillage, quarterStart { events.append(event(on: day(rng.int(5...20), of: month), at: randomSecond(), .transfer)) }
            if account.isVillage, month.month == 2 { events.append(event(on: day(rng.int(10...28), of: month), at: randomSecond(), .townTransfer)) }
        }
        return events
    }

    /// The quarter's pay of the village's cadres (village account) or the group leader.
    private mutating func pay(in month: CalendarDate) -> [DemoBankEvent] {
        let payday = day(rng.int(10...15), of: month)
        let payees: [(name: String, position: String)]
        if account.isVillage {
            payees = roster.cadres
        } else {
            payees = roster.groups.first { $0.code == account.areaCode }?.leader.map { [($0, "村民小组长")] } ?? []
        }
        return payees.enumerated().map { index, payee in
            event(on: payday, at: 10 * 3600 + index * 60 + rng.below(60), .wage(name: payee.name, position: payee.position))
        }
    }

    private mutating func plantedEvents() -> [DemoBankEvent] {
        guard let plant, plant != .balanceGap else { return [] }
        // Money to a relative goes out in the last month, inside the current cadres' terms (the
        // registry only holds the serving cadres); the others in the middle of the history.
        let month = flows.monthStarts[plant == .paymentToRelative ? flows.months - 1 : flows.months / 2]
        guard plant == .splitPayment else { return [event(on: day(rng.int(3...26), of: month), at: randomSecond(), .planted(plant))] }
        let first = rng.int(1...20)
        return [0, 2, 5].map { event(on: day(first + $0, of: month), at: randomSecond(), .planted(plant)) }
    }

    private func event(on day: CalendarDate, at second: Int, _ kind: DemoBankEvent.Kind) -> DemoBankEvent {
        DemoBankEvent(day: day, second: second, kind: kind)
    }

    private func day(_ day: Int, of month: CalendarDate) -> CalendarDate {
        CalendarDate(year: month.year, month: month.month, day: min(day, CalendarDate.daysIn(month: month.month, year: month.year)))!
    }

    private mutating func randomDay() -> CalendarDate {
        let month = rng.pick(flows.monthStarts)
        return day(rng.int(1...CalendarDate.daysIn(month: month.month, year: month.year)), of: month)
    }

    /// Office hours, 08:00–17:59.
    private mutating func randomSecond() -> Int { 8 * 3600 + rng.below(10 * 3600) }
}
