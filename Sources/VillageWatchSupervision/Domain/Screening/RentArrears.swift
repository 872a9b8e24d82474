import VillageWatchCore

/// Whether rent due under a lease arrived in the village's bank accounts. Only due dates whose
/// whole grace period lies inside the span of the village's imported bank flows are judged:
/// outside it the money may simply not have been imported yet.
struct RentArrears: Sendable {
    typealias Flow = ScreeningWorld.BankFlow

    /// One payer's money in to a village.
    struct Payer: Sendable {
        let name: String
        let flows: [Flow]
    }

    /// Per village, its payers: a county has tens of thousands of leases and each village
    /// hundreds of incoming lines from far fewer payers, so leases are matched against payers.
    let incoming: [String: [Payer]]
    let coverage: [String: (first: CalendarDate, last: CalendarDate)]
    let graceDays: Int

    init(flows: [Flow], graceDays: Int) {
        self.graceDays = graceDays
        incoming = Dictionary(grouping: flows.filter { $0.amountFen > 0 && $0.counterparty != nil }, by: \.villageCode).mapValues { flows in
            Dictionary(grouping: flows) { $0.counterparty! }.map { Payer(name: $0.key, flows: $0.value) }
        }
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
        let lessee = lease.lesseeName.filter { !$0.isWhitespace }
        var payments = (incoming[lease.villageCode] ?? []).filter { Self.namedLike($0.name, lessee) }.flatMap(\.flows).sorted(by: Flow.chronological)
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
        !lessee.isEmpty && (payer.containsBytes(of: lessee) || lessee.containsBytes(of: payer))
    }
}
