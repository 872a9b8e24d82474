import VillageWatchCore

/// Writes each village's accounts and their flows right after the village's registry rows,
/// while its roster is at hand, so the generator still holds one village at a time.
struct DemoBankWriter {
    let flows: DemoBankFlows
    let plan: DemoBankPlan
    let accounts: CSVWriter
    let transactions: CSVWriter
    let seed: UInt64
    /// Position in `plan.counts` of the next account.
    private var next = 0

    init(flows: DemoBankFlows, plan: DemoBankPlan, output: DemoOutput, seed: UInt64) throws {
        guard let accounts = output.bankAccounts, let transactions = output.bankTransactions else { throw DemoGeneratorError.bankFilesNotOpen }
        self.flows = flows
        self.plan = plan
        self.accounts = accounts
        self.transactions = transactions
        self.seed = seed
        try accounts.write(["account_number", "account_name", "bank", "area_code", "opened_on", "purpose"])
        try transactions.write(["account_number", "transaction_id", "booked_at", "amount", "balance", "counterparty_account",
                                "counterparty_name", "counterparty_bank", "channel", "summary", "purpose"])
    }

    /// Writes the village's and its groups' accounts, `scripted` lines booked into the village's;
    /// returns the cases planted in them.
    mutating func write(_ roster: DemoVillageRoster, villageIndex: Int, scripted: [DemoScriptedFlow] = [],
                        counts: inout DemoCounts) throws -> [DemoCase] {
        var rng = DemoRandom(seed: seed, label: "bank/" + roster.village.code)
        let parties = DemoCounterparties(village: roster.village, rng: &rng)
        let plant = DemoBankPlan.plant(forVillageAt: villageIndex)
        var cases = try write(.village(roster.village), roster: roster, parties: parties, plant: plant, scripted: scripted, counts: &counts)
        for group in roster.groups {
            cases += try write(.group(code: group.code, name: group.name, of: roster.village), roster: roster, parties: parties, plant: nil,
                               scripted: [], counts: &counts)
        }
        return cases
    }

    private mutating func write(_ account: DemoBankAccount, roster: DemoVillageRoster, parties: DemoCounterparties,
                                plant: DemoIrregularity.Kind?, scripted: [DemoScriptedFlow], counts: inout DemoCounts) throws -> [DemoCase] {
        var rng = DemoRandom(seed: seed, label: "bank/" + account.number)
        try accounts.write(account.row(&rng))
        counts.bankAccounts += 1
        let count = plan.counts[next]
        next += 1
        let gap = plant == .balanceGap
        var schedule = DemoAccountSchedule(account: account, roster: roster, flows: flows, plant: plant, scripted: scripted, rng: rng)
        // Scripted lines come on top of the account's share, so its everyday flows stay as they were.
        let events = schedule.events(count: count + scripted.count + (gap ? 1 : 0))
        var book = DemoAccountBook(account: account, roster: roster, parties: parties, rng: schedule.rng)
        let omitted = gap && events.count > 2 ? events.count / 2 : nil
        let planted = try book.write(events, omitting: omitted, plant: plant, to: transactions)
        if let planted { counts.irregularities.append(planted) }
        counts.bankTransactions += events.count - (omitted == nil ? 0 : 1)
        return book.cases + (planted?.plantedCase.map { [$0] } ?? [])
    }
}
