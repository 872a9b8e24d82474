import VillageWatchCore

/// The planted cases of the lease rules (CON-*), each beside its near-miss: a lessee sharing
/// a cadre's surname only, a large lease awarded by 公开招标, a term of exactly 30 years, rent
/// paid 30 days late (within the 60 days of grace), a rent low but above half the median.
extension DemoLeaseBuilder {
    mutating func plant(_ plant: DemoSupervisionPlant) {
        switch plant {
        case .relativeLessee: plantRelativeLessee()
        case .relativeLesseeByName: plantRelativeLesseeByName()
        case .noBidding: plantNoBidding()
        case .term: plantTerm()
        case .rentArrears: plantRentArrears()
        case .rentLow: plantRentLow()
        default: break
        }
    }

    /// A small 耕地 lease running through the cadres' term.
    mutating func farmland(to lessee: String, id: String = "", rentPerMu: Int64 = 60_000, mu: Int64 = 8, award: String = "协商") -> Lease {
        Lease(asset: "耕地", lessee: lessee, lesseeID: id, areaHundredths: mu * 100, annualRentFen: rentPerMu * mu,
              start: CalendarDate(year: 2024, month: 3, day: 1)!, end: CalendarDate(year: 2034, month: 2, day: 28)!,
              award: award, schedule: ("年付", 12), payDelay: 3)
    }

    private mutating func plantRelativeLessee() {
        guard let relative = people.relatives.first else { return }
        let r = people.residents[relative]
        record("lease to a cadre's declared relative", "CON-RELATIVE-LESSEE", fires: true, subject: add(farmland(to: r.name, id: r.id)))
        let surnames = Set(people.cadres.map { people.residents[$0].name.prefix(1) })
        if let namesake = people.homes.first(where: { !$0.reserved && surnames.contains(people.residents[$0.head].name.prefix(1)) })?.head {
            let n = people.residents[namesake]
            record("near-miss: lessee shares a cadre's surname only", "CON-RELATIVE-LESSEE", fires: false, subject: add(farmland(to: n.name, id: n.id)))
        }
    }

    /// The contract records only the name: a member of a cadre's household.
    private mutating func plantRelativeLesseeByName() {
        let cadres = Set(people.cadres), people = people
        let member = people.cadres.flatMap { people.home(of: $0).members }.first { !cadres.contains($0) && people.residents[$0].isAdult }
        guard let member else { return }
        record("lease to a cadre's household member, by name", "CON-RELATIVE-LESSEE", fires: true,
               subject: add(farmland(to: people.residents[member].name)))
    }

    private mutating func plantNoBidding() {
        let lessee = company()
        record("15 亩 of 耕地 let by negotiation", "CON-NO-BIDDING", fires: true, subject: add(farmland(to: lessee, mu: 15)))
        record("near-miss: 15 亩 of 耕地 let by 公开招标", "CON-NO-BIDDING", fires: false, subject: add(farmland(to: company(), mu: 15, award: "公开招标")))
    }

    private mutating func plantTerm() {
        var long = farmland(to: company())
        long.end = long.start.adding(months: 12 * 35)
        record("35-year lease", "CON-TERM", fires: true, subject: add(long))
        var lawful = farmland(to: company())
        lawful.end = lawful.start.adding(months: 12 * 30)
        record("near-miss: exactly 30 years", "CON-TERM", fires: false, subject: add(lawful))
    }

    /// Two yearly leases to companies whose names appear nowhere else; one due date of the first
    /// falls in the middle of the bank window and is never paid, the second pays 30 days late.
    private mutating func plantRentArrears() {
        guard let bank else { return }
        let short = DemoBankAccount.shortName(people.village)
        let middle = bank.monthStarts[bank.months / 2].adding(days: 14)
        var unpaid = farmland(to: "雷州市" + short + "兴旺水产养殖场")
        unpaid.start = middle.adding(months: -36)
        unpaid.payDelay = 5
        let missed = add(unpaid)
        rents.removeAll { $0.flow.party?.name == unpaid.lessee && $0.day == middle.adding(days: 5) }
        record("rent never paid", "CON-RENT-ARREARS", fires: true, subject: missed)
        var late = farmland(to: "雷州市" + short + "顺达水产养殖场")
        late.start = middle.adding(months: -36)
        late.payDelay = 30
        record("near-miss: rent paid 30 days late, within the grace period", "CON-RENT-ARREARS", fires: false, subject: add(late))
    }

    private mutating func plantRentLow() {
        record("耕地 let at ¥150 a 亩", "CON-RENT-LOW", fires: true, subject: add(farmland(to: company(), rentPerMu: 15_000)))
        record("near-miss: 耕地 let at ¥380 a 亩", "CON-RENT-LOW", fires: false, subject: add(farmland(to: company(), rentPerMu: 38_000)))
    }
}
