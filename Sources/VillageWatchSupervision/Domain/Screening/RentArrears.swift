import VillageWatchCore

/// Whether rent due under a lease arrived in the village's bank accounts. Only due dates whose
/// whole grace period lies inside the span of the village's imported bank flows are judged:
/// outside it the money may simply not have been imported yet.
struct RentArrears: Sendable {
    typealias Flow = ScreeningWorld.BankFlow
    let incoming: [String: [Flow]]
    let coverage: [String: (first: CalendarDate, last: CalendarDate)]
    let graceDays: Int

    init(flows: [Flow], graceDays: Int) {
        self.graceDays = graceDays
        incoming = Dictionary(grouping: flows.filter { $0.amountFen > 0 && $0.counterparty != nil }, by: \.villageCode)
            .mapValues { $0.sorted(by: Flow.chronological) }
        coverage = Dictionary(grouping: flows, by: \.villageCode).mapValues { flows in
            (flows.map(\.bookedOn).min()!, flows.map(\.bookedOn).max()!)
        }
    }

    /// The judged due dates with no payment from the lessee between the due date and the end of
    /// grace. Each payment settles at most one due date, the earliest it can, so one transfer
    /// never covers two months of a 月付 lease.
    func unpaidDueDates(_ lease: ScreeningWorld.Lease, schedule: RentSchedule) -> [CalendarDate] {
        guard let span = coverage[lease.villageCode], span.first.adding(days: graceDays) <= span.last else { return [] }
        let dues = schedule.dueDates(start: lease.start, end: lease.end, from: span.first, to: span.last.adding(days: -graceDays))
        var payments = (incoming[lease.villageCode] ?? []).filter { Self.namedLike($0.counterparty!, lease.lesseeName) }
        return dues.filter { due in
            let last = due.adding(days: graceDays)
            guard let index = payments.firstIndex(where: { $0.bookedOn >= due && $0.bookedOn <= last }) else { return true }
            payments.remove(at: index)
            return false
        }
    }

    /// Banks write payers' names in full, or with a company or a note around them
    /// (`张三（鱼塘租金）`): one name containing the other counts as the lessee.
    static func namedLike(_ payer: String, _ lessee: String) -> Bool {
        let lessee = lessee.filter { !$0.isWhitespace }
        return !lessee.isEmpty && (payer.contains(lessee) || lessee.contains(payer))
    }
}
