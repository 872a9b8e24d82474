import VillageWatchCore

/// Writes one account's transactions: decides each amount in booking order against the
/// running balance, so balances chain (balance = previous balance + amount) and never go below
/// zero, and records what was planted.
struct DemoAccountBook {
    let account: DemoBankAccount
    let roster: DemoVillageRoster
    let parties: DemoCounterparties
    var rng: DemoRandom
    private(set) var balance: Int64
    /// The cases the scripted lines written so far show, their subjects filled.
    private(set) var cases: [DemoCase] = []

    /// A village account keeps this much (¥50,000) out of reach of everyday spending, so the
    /// planted payments always fit.
    static let villageReserve: Int64 = 5_000_000

    init(account: DemoBankAccount, roster: DemoVillageRoster, parties: DemoCounterparties, rng: DemoRandom) {
        self.account = account
        self.roster = roster
        self.parties = parties
        self.rng = rng
        balance = Int64(account.isVillage ? self.rng.int(100_000...600_000) : self.rng.int(20_000...150_000)) * 100
    }

    /// Writes `events` except the one at `omitted` (a planted gap), returning the planted
    /// irregularity, if any, with the serials that show it.
    mutating func write(_ events: [DemoBankEvent], omitting omitted: Int?, plant: DemoIrregularity.Kind?,
                        to writer: CSVWriter) throws -> DemoIrregularity? {
        var shown: [String] = [], counterparty: String?
        for (index, event) in events.enumerated() {
            let flow = flow(for: event)
            balance += flow.amount
            let serial = event.serial(index + 1)
            if case .planted = event.kind { shown.append(serial); counterparty = flow.party?.name }
            if case .scripted(let scripted) = event.kind, let shows = scripted.shows { cases.append(shows.withSubject(serial)) }
            if index == omitted { shown.append(serial); continue }
            try writer.write([account.number, serial, event.bookedAt, Fen(flow.amount).plainYuanText, Fen(balance).plainYuanText,
                              flow.party?.account ?? "", flow.party?.name ?? "", flow.party?.bank ?? "", flow.channel, flow.summary, flow.purpose])
        }
        guard let plant else { return nil }
        return DemoIrregularity(kind: plant, account: account.number, transactionIDs: shown, counterparty: counterparty)
    }

    /// What one event becomes: amount (signed fen), counterparty and texts.
    private mutating func flow(for event: DemoBankEvent) -> DemoFlow {
        var flow = DemoFlow.make(event.kind, on: event.day, book: &self)
        guard event.kind.isAdjustableOutflow else { return flow }
        // Everyday spending takes at most half of what is above the reserve; when nothing is,
        // a villager's rent comes in instead.
        let room = (balance - (account.isVillage ? Self.villageReserve : 0)) / 2
        guard room >= 1 else { return DemoFlow.make(.lease, on: event.day, book: &self) }
        flow.amount = max(flow.amount, -(room >= 100 ? room / 100 * 100 : room))
        return flow
    }

    /// A lessee of the account's land: one of its villagers, or a company now and then.
    mutating func lessee() -> DemoCounterparties.Party {
        let heads = account.isVillage ? roster.groups.flatMap(\.heads) : roster.groups.first { $0.code == account.areaCode }?.heads ?? []
        if heads.isEmpty || rng.chance(0.3) { return rng.pick(parties.lessees) }
        return DemoCounterparties.person(rng.pick(heads), village: roster.village)
    }

    /// A yuan amount between the bounds, with random fen when `cents`.
    mutating func yuan(_ range: ClosedRange<Int>, step: Int = 1, cents: Bool = false) -> Int64 {
        Int64(rng.int(range.lowerBound / step...range.upperBound / step) * step) * 100 + Int64(cents ? rng.below(100) : 0)
    }
}
