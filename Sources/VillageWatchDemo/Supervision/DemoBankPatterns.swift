import VillageWatchCore

/// The planted bank patterns that need many lines or exact amounts: a village whose money out
/// in one calendar year starts with 5–9 far too often (BANK-BENFORD), and two payments to one
/// supplier within three days, each above the approval threshold (BANK-SPLIT's near-miss).
struct DemoBankPatterns {
    let people: DemoVillagePeople
    let bank: DemoBankFlows?
    var rng: DemoRandom

    /// Payments planted for the Benford test: more than the 200 a year it needs by themselves.
    static let benfordPayments = 240

    init(people: DemoVillagePeople, bank: DemoBankFlows?, seed: UInt64) {
        self.people = people
        self.bank = bank
        rng = DemoRandom(seed: seed, label: "bank-patterns/" + people.village.code)
    }

    mutating func flows(for plant: DemoSupervisionPlant) -> [DemoScriptedFlow] {
        guard let bank else { return [] }
        switch plant {
        case .benford: return benford(bank)
        case .splitAboveThreshold: return splitAboveThreshold(bank)
        default: return []
        }
    }

    /// A special fund arrives on the first day of the last month's year; 240 payments of
    /// ¥5,000–9,900 go out to builders' merchants over the months up to the last.
    private mutating func benford(_ bank: DemoBankFlows) -> [DemoScriptedFlow] {
        let year = bank.endMonth.year, start = CalendarDate(year: year, month: 1, day: 1)!
        let days = start.days(to: bank.endMonth.adding(months: 1)) - 1
        let merchants = DemoCounterparties.words.flatMap { word in ["建材", "五金", "农资"].map { "雷州市" + word + $0 + "商行" } }
        var out: [DemoScriptedFlow] = [], total: Int64 = 0
        for _ in 0..<Self.benfordPayments {
            let amount = Int64(rng.int(500...990)) * 1_000
            total += amount
            let merchant = rng.pick(merchants)
            let party = DemoCounterparties.Party(account: DemoCounterparties.account(prefix: "8002", merchant), name: merchant, bank: DemoBankAccount.bank)
            out.append(DemoScriptedFlow(day: start.adding(days: 1 + rng.below(max(1, days))),
                                        flow: DemoFlow(amount: -amount, party: party, summary: "材料款", purpose: "村道维修材料")))
        }
        let fund = DemoScriptedFlow(day: start, flow: DemoFlow(amount: total * 6 / 5, party: DemoCounterparties.finance, summary: "转移支付",
                                                               purpose: "乡村振兴专项资金"))
        let shows = DemoCase(name: "money out failing Benford's law", code: "BANK-BENFORD", shouldFire: true,
                             villageCode: people.village.code, subject: String(year))
        return [DemoScriptedFlow(day: start, flow: fund.flow, shows: shows)] + out
    }

    private mutating func splitAboveThreshold(_ bank: DemoBankFlows) -> [DemoScriptedFlow] {
        let month = bank.monthStarts[bank.months / 2], first = rng.int(3...20)
        let supplier = DemoCounterparties.Party(account: DemoCounterparties.account(prefix: "8002", people.village.code + "鑫源"),
                                                name: "雷州市" + DemoBankAccount.shortName(people.village) + "鑫源建材商行", bank: DemoBankAccount.bank)
        let shows = DemoCase(name: "near-miss: two payments to one supplier within 3 days, each above the threshold", code: "BANK-SPLIT",
                             shouldFire: false, villageCode: people.village.code, subject: "")
        return [(0, 520_000), (3, 560_000)].enumerated().map { index, payment in
            DemoScriptedFlow(day: CalendarDate(year: month.year, month: month.month, day: first + payment.0)!,
                             flow: DemoFlow(amount: -Int64(payment.1), party: supplier, summary: "材料款", purpose: "村道维修材料"),
                             shows: index == 0 ? shows : nil)
        }
    }
}
