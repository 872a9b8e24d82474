import VillageWatchCore

/// The planted cases of the benefit rules (BEN-*), each with the near-misses the issue names:
/// a death in the month after the last paid period, employment that ended before the rolls,
/// a vehicle or business registered after them, a farm vehicle, a relative whose case is
/// filed, two programmes in one month, an area within tolerance, a household member as payee,
/// and one household sharing its head's card.
extension DemoRollBuilder {
    /// Plants `plant` (a benefit plant; others are ignored). `elsewhere` is another village's
    /// code, for the duplicate paid in two villages.
    mutating func plant(_ plant: DemoSupervisionPlant, elsewhere: String?) {
        switch plant {
        case .deceased: plantDeceased()
        case .deceasedTypo: plantDeceasedTypo()
        case .publicEmployee: plantPublicEmployee()
        case .vehicle: plantVehicle()
        case .business: plantBusiness()
        case .cadreRelative: plantCadreRelative()
        case .duplicate: plantDuplicate(elsewhere: nil)
        case .duplicateElsewhere: plantDuplicate(elsewhere: elsewhere)
        case .areaOverstated: plantAreaOverstated()
        case .payeeMismatch: plantPayeeMismatch()
        case .sharedAccount: plantSharedAccount()
        default: break
        }
    }

    /// Households on 最低生活保障, each paid every month of the rolls. When the village has too
    /// few, fresh households are enrolled: unreserved ones first, then — in a village so small
    /// that cadres' families fill it — a declared relative's household (which then also raises
    /// a cadre-relative finding, as it would in life), never a cadre's own.
    mutating func dibaoHouseholds(_ count: Int, minimumSize: Int = 1) -> [Int] {
        var found = Set(payments.filter { $0.program == .dibao }.map { people.residents[$0.recipient].household })
            .filter { people.homes[$0].members.count >= minimumSize }.sorted()
        let cadreHomes = Set(people.cadres.map { people.residents[$0].household })
        let candidates = people.homes.indices.filter { !people.homes[$0].reserved } + people.homes.indices.filter { people.homes[$0].reserved }
        for h in candidates where found.count < count && !cadreHomes.contains(h) && !meansTested.contains(h) && people.homes[h].members.count >= minimumSize {
            for member in people.homes[h].members { payMonthly(.dibao, member, fen: 40_000, payee: people.homes[h].head) }
            found.append(h)
        }
        return Array(found.prefix(count))
    }

    private mutating func plantDeceased() {
        let homes = dibaoHouseholds(2)
        guard homes.count == 2 else { return }
        let dead = people.homes[homes[0]].head, later = people.homes[homes[1]].head
        deaths.append((dead, periods[8].adding(days: 14)))
        record("paid after death", "BEN-DECEASED", fires: true, subject: people.residents[dead].id)
        // Paid through the tenth month, died in the eleventh: nothing was paid after the death.
        let lastPaid = periods[9]
        payments.removeAll { $0.recipient == later && $0.period > lastPaid }
        deaths.append((later, periods[10].adding(days: 4)))
        record("near-miss: died in the month after the last paid period", "BEN-DECEASED", fires: false, subject: people.residents[later].id)
    }

    /// The roll carries the dead recipient's number with one digit mistyped, so only the fuzzy
    /// link (name, village, one digit, failing check digit) finds the registry's death.
    private mutating func plantDeceasedTypo() {
        guard let home = dibaoHouseholds(1).first else { return }
        let dead = people.homes[home].head, id = people.residents[dead].id
        guard IDNumber(id).isValid else { return }
        let digits = Array(id), old = digits[16].wholeNumberValue!
        let typo = String(digits[..<16]) + String((old + 1) % 10) + String(digits[17])
        for i in payments.indices where payments[i].recipient == dead { payments[i].rollID = typo }
        deaths.append((dead, periods[5].adding(days: 9)))
        record("paid after death, number mistyped on the roll", "BEN-DECEASED", fires: true, subject: typo)
    }

    private mutating func plantPublicEmployee() {
        let homes = dibaoHouseholds(2)
        guard homes.count == 2 else { return }
        let serving = people.homes[homes[0]].head, former = people.homes[homes[1]].head
        employment.append((serving, "雷州市第二中学", CalendarDate(year: 2019, month: 3, day: 1)!, nil))
        record("public employee in the household", "BEN-PUBLIC-EMPLOYEE", fires: true, subject: people.residents[serving].id)
        employment.append((former, "雷州市卫生健康局", CalendarDate(year: 2015, month: 9, day: 1)!, firstDay.adding(days: -40)))
        record("near-miss: employment ended before the rolls", "BEN-PUBLIC-EMPLOYEE", fires: false, subject: people.residents[former].id)
    }

    private mutating func plantVehicle() {
        let homes = dibaoHouseholds(3)
        guard homes.count == 3 else { return }
        let owner = people.homes[homes[0]].head, late = people.homes[homes[1]].head, farmer = people.homes[homes[2]].head
        vehicles.append((owner, plate(), CalendarDate(year: 2021, month: 7, day: 18)!, "小型轿车"))
        record("car in the household", "BEN-VEHICLE", fires: true, subject: people.residents[owner].id)
        vehicles.append((late, plate(), lastDay.adding(days: 1), "小型轿车"))
        record("near-miss: car registered after the rolls", "BEN-VEHICLE", fires: false, subject: people.residents[late].id)
        vehicles.append((farmer, plate(), CalendarDate(year: 2018, month: 4, day: 2)!, "拖拉机"))
        record("near-miss: farm vehicle", "BEN-VEHICLE", fires: false, subject: people.residents[farmer].id)
    }

    private mutating func plantBusiness() {
        let homes = dibaoHouseholds(2)
        guard homes.count == 2 else { return }
        let owner = people.homes[homes[0]].head, late = people.homes[homes[1]].head
        businesses.append((owner, shopName(owner), CalendarDate(year: 2020, month: 11, day: 3)!))
        record("business in the household", "BEN-BUSINESS", fires: true, subject: people.residents[owner].id)
        businesses.append((late, shopName(late), lastDay.adding(days: 1)))
        record("near-miss: business registered after the rolls", "BEN-BUSINESS", fires: false, subject: people.residents[late].id)
    }

    /// Two declared relatives on 最低生活保障 for the months after the cadres took office; one
    /// case was filed (民发〔2022〕83号), the other not.
    private mutating func plantCadreRelative() {
        let months = periods.filter { $0 > people.termStart }.suffix(3)
        guard people.relatives.count >= 2, !months.isEmpty else { return }
        let unfiled = people.relatives[0], filed = people.relatives[1]
        payMonthly(.dibao, unfiled, fen: 45_000, months: months)
        record("cadre's relative, not filed", "BEN-CADRE-RELATIVE-UNFILED", fires: true, subject: people.residents[unfiled].id)
        payMonthly(.dibao, filed, fen: 45_000, months: months)
        filings.append((filed, .dibao, months.first!.adding(days: -5)))
        record("near-miss: relative whose case is filed", "BEN-CADRE-RELATIVE-UNFILED", fires: false, subject: people.residents[filed].id)
    }

    /// The last month paid twice: on the village's roll, or once more on another village's.
    private mutating func plantDuplicate(elsewhere: String?) {
        guard let home = dibaoHouseholds(1).first, let original = payments.last(where: { $0.recipient == people.homes[home].head }) else { return }
        var copy = original
        if let elsewhere { copy.areaCode = elsewhere }
        payments.append(copy)
        // The later payment is the finding, in the village whose roll carries it.
        cases.append(DemoCase(name: elsewhere == nil ? "paid twice in one month" : "paid in two villages in one month", code: "BEN-DUPLICATE",
                              shouldFire: true, villageCode: elsewhere ?? people.village.code, subject: people.residents[original.recipient].id))
        let onRoll = meansTested
        if let old = people.residents.indices.first(where: { people.residents[$0].age >= 80 && !onRoll.contains(people.residents[$0].household)
            && !people.homes[people.residents[$0].household].reserved }) {
            payMonthly(.dibao, old, fen: 38_000)
            record("near-miss: two programmes in one month", "BEN-DUPLICATE", fires: false, subject: people.residents[old].id)
        }
    }

    private mutating func plantAreaOverstated() {
        let farms = people.homes.indices.filter { land[$0] != nil }.prefix(2)
        guard farms.count == 2 else { return }
        for (h, percent, fires) in [(farms.first!, 120, true), (farms.last!, 104, false)] {
            let head = people.homes[h].head
            payments.removeAll { $0.program == .gengdi && $0.recipient == head }
            payLand(h, quantity: land[h]! * Int64(percent) / 100)
            record(fires ? "claimed area 20% over the contract" : "near-miss: claimed area 4% over (within tolerance)",
                   "BEN-AREA-OVERSTATED", fires: fires, subject: people.residents[head].id)
        }
    }

    private mutating func plantPayeeMismatch() {
        guard let home = dibaoHouseholds(1, minimumSize: 2).first else { return }
        let members = people.homes[home].members, recipient = members[1]
        let names = Set(members.map { people.residents[$0].name })
        let stranger = people.residents.indices.first { people.residents[$0].household != home && people.residents[$0].isAdult
            && !names.contains(people.residents[$0].name) }
        guard let stranger else { return }
        for i in payments.indices where payments[i].recipient == members[0] {
            payments[i].payeeAccount = people.card(of: stranger)
            payments[i].payeeName = people.residents[stranger].name
        }
        record("paid into a stranger's account", "BEN-PAYEE-MISMATCH", fires: true, subject: people.residents[members[0]].id)
        record("near-miss: paid into the household head's account", "BEN-PAYEE-MISMATCH", fires: false, subject: people.residents[recipient].id)
    }

    /// Three households' money into one card; and a household of three on its head's card.
    private mutating func plantSharedAccount() {
        let homes = dibaoHouseholds(4, minimumSize: 3)
        guard homes.count == 4 else { return }
        let collector = people.homes[homes[0]].head, account = people.card(of: collector)
        for h in homes[1...3] {
            let head = people.homes[h].head
            for i in payments.indices where payments[i].recipient == head { payments[i].payeeAccount = account; payments[i].payeeName = people.residents[head].name }
        }
        record("one card for three households", "BEN-SHARED-ACCOUNT", fires: true, subject: account)
        let family = people.card(of: people.homes[homes[3]].members[0])
        record("near-miss: one household on its head's card", "BEN-SHARED-ACCOUNT", fires: false, subject: family)
    }
}
