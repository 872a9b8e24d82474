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

    mutating func write(_ roster: DemoVillageRoster, villageIndex: Int, counts: inout DemoCounts) throws {
        var rng = DemoRandom(seed: seed, label: "bank/" + roster.village.code)
        let parties = DemoCounterparties(village: roster.village, rng: &rng)
        let plant = DemoBankPlan.plant(forVillageAt: villageIndex)
        try write(.village(roster.village), roster: roster, parties: parties, plant: plant, counts: &counts)
        for group in roster.groups {
            try write(.group(code: group.code, name: group.name, of: roster.village), roster: roster, parties: parties, plant: nil, counts: &counts)
        }
    }

    private mutating func write(_ account: DemoBankAccount, roster: DemoVillageRoster, parties: DemoCounterparties,
                                plant: DemoIrregularity.Kind?, counts: inout DemoCounts) throws {
        var rng = DemoRandom(seed: seed, label: "bank/" + account.number)
        try accounts.write(account.row(&rng))
        counts.bankAccounts += 1
        let count = plan.counts[next]
        next += 1
        let gap = plant == .balanceGap
        var schedule = DemoAccountSchedule(account: account, roster: roster, flows: flows, plant: plant, rng: rng)
        let events = schedule.events(count: count + (gap ? 1 : 0))
        var book = DemoAccountBook(account: account, roster: roster, parties: parties, rng: schedule.rng)
        let omitted = gap && events.count > 2 ? events.count / 2 : nil
        if let planted = try book.write(events, omitting: omitted, plant: plant, to: transactions) { counts.irregularities.append(planted) }
        counts.bankTransactions += events.count - (omitted == nil ? 0 : 1)
    }
}
