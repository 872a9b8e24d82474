import VillageWatchCore

/// Writes each village's supervision data right after its registry rows, while the village is
/// at hand: rolls, land and registry rows, filings and leases, the cases planted in them, and
/// the bank lines (rents, planted patterns) the bank writer then books into the village's
/// account.
struct DemoSupervisionWriter {
    let data: DemoSupervisionData
    let bank: DemoBankFlows?
    let output: DemoOutput
    let seed: UInt64
    private var paymentCount = 0
    /// The previous village's code: where the cross-village duplicate is paid a second time.
    private var previousVillage: String?

    /// The files this writer fills, by key, with their paths under the output directory.
    static let files = DemoSupervisionData.files + [(dataset: "planted", path: "planted.csv")]

    init(data: DemoSupervisionData, bank: DemoBankFlows?, output: DemoOutput, seed: UInt64) throws {
        self.data = data
        self.bank = bank
        self.output = output
        self.seed = seed
        let headers: [String: [String]] = [
            "programs": DemoProgram.header,
            "benefits": ["payment_id", "program_code", "program_name", "department", "recipient_id_number", "recipient_name", "village_code",
                         "period", "amount", "quantity", "unit", "payee_account", "payee_account_name", "paid_on"],
            "filings": ["id_number", "program_code", "filed_on", "approved_by"],
            "contracts": ["contract_id", "village_code", "asset_type", "asset_name", "lessee_name", "lessee_id_number", "area_mu",
                          "start_date", "end_date", "annual_rent", "award_method", "signed_on", "payment_schedule"],
            "deaths": ["id_number", "name", "death_date"], "public-employees": ["id_number", "name", "employer", "start_date", "end_date"],
            "vehicles": ["owner_id_number", "plate", "registered_on", "vehicle_type"],
            "businesses": ["owner_id_number", "business_name", "registered_on", "registered_capital"],
            "land": ["household_id", "contracted_area_mu"], "planted": DemoCase.header,
        ]
        for (key, _) in Self.files { try output.writer(key).write(headers[key]!) }
        for program in DemoProgram.all { try output.writer("programs").write(program.row) }
    }

    /// Writes the village's supervision rows and returns the bank lines of its account.
    mutating func write(_ builder: DemoVillageBuilder, villageIndex: Int, counts: inout DemoCounts) throws -> [DemoScriptedFlow] {
        let people = DemoVillagePeople(builder)
        let plant = DemoSupervisionPlant.plant(forVillageAt: villageIndex)
        var rolls = DemoRollBuilder(people: people, data: data, seed: seed)
        rolls.enrol()
        if let plant { rolls.plant(plant, elsewhere: previousVillage) }
        rolls.fillRegistries()
        try writeRolls(rolls, counts: &counts)
        var leases = DemoLeaseBuilder(people: people, bank: bank, seed: seed)
        leases.build(count: data.leasesPerVillage)
        if let plant { leases.plant(plant) }
        for row in leases.rows { try output.writer("contracts").write(row) }
        counts.leases += leases.rows.count
        for planted in rolls.cases + leases.cases { try record(planted, counts: &counts) }
        previousVillage = people.village.code
        var bankPlants = DemoBankPatterns(people: people, bank: bank, seed: seed)
        return leases.rents + (plant.map { bankPlants.flows(for: $0) } ?? [])
    }

    func record(_ planted: DemoCase, counts: inout DemoCounts) throws {
        try output.writer("planted").write(planted.row)
        counts.cases.append(planted)
    }

    private mutating func writeRolls(_ rolls: DemoRollBuilder, counts: inout DemoCounts) throws {
        let people = rolls.people
        for payment in rolls.payments {
            paymentCount += 1
            let r = people.residents[payment.recipient], p = payment.program
            try output.writer("benefits").write([
                p.code + "-" + DemoIDAllocator.digits(paymentCount, 9), p.code, p.name, p.department, payment.rollID, r.name, payment.areaCode,
                DemoSupervisionData.period(payment.period), Fen(payment.amountFen).plainYuanText, payment.quantity.map { Fen($0).plainYuanText } ?? "",
                payment.quantity == nil ? "" : "亩", payment.payeeAccount, payment.payeeName, payment.period.adding(days: 9).description,
            ])
        }
        counts.payments += rolls.payments.count
        for (h, area) in rolls.land.sorted(by: { $0.key < $1.key }) { try output.writer("land").write([people.homes[h].id, Fen(area).plainYuanText]) }
        for d in rolls.deaths { try output.writer("deaths").write([people.residents[d.resident].id, people.residents[d.resident].name, d.on.description]) }
        for e in rolls.employment {
            try output.writer("public-employees").write([people.residents[e.resident].id, people.residents[e.resident].name, e.employer,
                                                         e.start.description, e.end?.description ?? ""])
        }
        for v in rolls.vehicles { try output.writer("vehicles").write([people.residents[v.resident].id, v.plate, v.on.description, v.type]) }
        for b in rolls.businesses {
            try output.writer("businesses").write([people.residents[b.resident].id, b.name, b.on.description, "50000.00"])
        }
        for f in rolls.filings {
            try output.writer("filings").write([people.residents[f.resident].id, f.program.code, f.on.description, people.village.town + "人民政府"])
        }
    }
}
