import VillageWatchCore

/// One village's benefit payments, contracted land and registry rows, clean by construction
/// (means-tested money never reaches a household the registries would exclude, a cadre's
/// family or a dead person), then with the village's planted case and its near-misses.
struct DemoRollBuilder {
    struct Payment {
        let program: DemoProgram
        let recipient: Int
        var rollID: String
        var areaCode: String
        let period: CalendarDate
        let amountFen: Int64
        var quantity: Int64?
        var payeeAccount: String
        var payeeName: String
    }

    let people: DemoVillagePeople
    let data: DemoSupervisionData
    var rng: DemoRandom
    var payments: [Payment] = []
    /// Contracted land of a household, in hundredths of a 亩.
    var land: [Int: Int64] = [:]
    var deaths: [(resident: Int, on: CalendarDate)] = []
    var employment: [(resident: Int, employer: String, start: CalendarDate, end: CalendarDate?)] = []
    var vehicles: [(resident: Int, plate: String, on: CalendarDate, type: String)] = []
    var businesses: [(resident: Int, name: String, on: CalendarDate)] = []
    var filings: [(resident: Int, program: DemoProgram, on: CalendarDate)] = []
    var cases: [DemoCase] = []
    /// Households on a means-tested roll: the registries leave them alone (except plants).
    private(set) var meansTested = Set<Int>()

    init(people: DemoVillagePeople, data: DemoSupervisionData, seed: UInt64) {
        self.people = people
        self.data = data
        rng = DemoRandom(seed: seed, label: "rolls/" + people.village.code)
    }

    var periods: [CalendarDate] { data.periods }
    var firstDay: CalendarDate { periods[0] }
    var lastDay: CalendarDate { periods[11].adding(months: 1).adding(days: -1) }

    // MARK: Background

    /// Enrols households and residents in the programmes, gives land, then fills the registries
    /// from households outside the means-tested rolls.
    mutating func enrol() {
        for (h, home) in people.homes.enumerated() {
            if rng.chance(people.village.isUrban ? 0.2 : 0.9) { land[h] = Int64(rng.int(2...30) * 50) }
            let head = home.head, single = home.members.count == 1
            if !home.reserved, single, people.residents[head].age >= 65, rng.chance(0.5) {
                payMonthly(.tekun, head, fen: 105_000)
            } else if !home.reserved, rng.chance(data.dibaoShare) {
                let rate = Int64(rng.int(35...52)) * 1_000
                for member in home.members { payMonthly(.dibao, member, fen: rate, payee: head) }
            }
            for member in home.members {
                let age = people.residents[member].age
                if age >= 80 { payMonthly(.gaoling, member, fen: age >= 90 ? 20_000 : 10_000) }
                if !home.reserved, rng.chance(0.015) { payMonthly(.canji, member, fen: 15_000) }
            }
            if !home.reserved, rng.chance(0.01) { pay(.linshi, head, in: rng.pick(periods), fen: Int64(rng.int(10...30)) * 10_000) }
            if let area = land[h] { payLand(h, quantity: area) }
        }
    }

    mutating func fillRegistries() {
        let employers = ["雷州市第一中学", "雷州市人民医院", people.village.town + "人民政府", "雷州市公安局", "雷州市自然资源局", "雷州市供销合作联社"]
        for (h, home) in people.homes.enumerated() {
            let clean = !meansTested.contains(h)
            for member in home.members where people.residents[member].age >= 75 && rng.chance(0.03) && !isPaid(member) {
                deaths.append((member, firstDay.adding(days: -rng.int(30...700))))
            }
            if clean {
                for member in home.members where (22...59).contains(people.residents[member].age) && rng.chance(0.04) {
                    let start = date(2000...2024), left = start.adding(days: rng.int(365...3000))
                    employment.append((member, rng.pick(employers), start, rng.chance(0.1) && left < firstDay ? left : nil))
                }
                if rng.chance(0.12) { vehicles.append((home.head, plate(), date(2012...2025), "小型轿车")) }
                if rng.chance(0.05) { businesses.append((home.head, shopName(home.head), date(2008...2025))) }
            }
            if rng.chance(0.04) { vehicles.append((home.head, plate(), date(2010...2025), rng.pick(["农用车", "拖拉机"]))) }
        }
    }

    // MARK: Paying

    mutating func payMonthly(_ program: DemoProgram, _ resident: Int, fen: Int64, payee: Int? = nil, months: ArraySlice<CalendarDate>? = nil) {
        for month in months ?? periods[...] { pay(program, resident, in: month, fen: fen, payee: payee) }
    }

    mutating func pay(_ program: DemoProgram, _ resident: Int, in month: CalendarDate, fen: Int64, payee: Int? = nil) {
        let to = payee ?? resident, home = people.residents[resident].household
        if program.meansTested { meansTested.insert(home) }
        payments.append(Payment(program: program, recipient: resident, rollID: people.residents[resident].id,
                                areaCode: people.homes[home].groupCode, period: month, amountFen: fen, quantity: nil,
                                payeeAccount: people.card(of: to), payeeName: people.residents[to].name))
    }

    /// 耕地地力保护补贴, ¥105 a 亩, paid to the household head in the roll year's May.
    mutating func payLand(_ home: Int, quantity: Int64) {
        let may = periods.first { $0.month == 5 } ?? periods[0]
        pay(.gengdi, people.homes[home].head, in: may, fen: quantity * 105)
        payments[payments.count - 1].quantity = quantity
    }

    func isPaid(_ resident: Int) -> Bool { payments.contains { $0.recipient == resident } }

    // MARK: Values

    mutating func date(_ years: ClosedRange<Int>) -> CalendarDate {
        CalendarDate(year: rng.int(years), month: rng.int(1...12), day: rng.int(1...28))!
    }

    mutating func plate() -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "粤G" + String(rng.pick(letters)) + DemoIDAllocator.digits(rng.below(10_000), 4)
    }

    func shopName(_ owner: Int) -> String { people.village.town + people.residents[owner].name + "百货商店" }

    mutating func record(_ name: String, _ code: String, fires: Bool, subject: String) {
        cases.append(DemoCase(name: name, code: code, shouldFire: fires, villageCode: people.village.code, subject: subject))
    }
}
