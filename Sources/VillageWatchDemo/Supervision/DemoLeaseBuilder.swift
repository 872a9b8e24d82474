import VillageWatchCore

/// One village's leases of collective assets (contracts.csv) and, when bank flows are written,
/// the rent each lessee pays into the village's account within a fortnight of each due date.
/// Background leases are lawful: open bidding above the thresholds, terms within 30 years,
/// rents per 亩 within a band whose floor is above half its median, lessees outside the
/// cadres' families, rent on time.
struct DemoLeaseBuilder {
    struct Lease {
        var asset: String, lessee: String, lesseeID: String
        var areaHundredths: Int64?, annualRentFen: Int64
        var start: CalendarDate, end: CalendarDate
        var award: String, schedule: (name: String, months: Int)
        /// Days after each due date the rent arrives; `nil` never (planted arrears).
        var payDelay: Int?
    }

    let people: DemoVillagePeople
    let bank: DemoBankFlows?
    var rng: DemoRandom
    var rows: [[String]] = []
    var rents: [DemoScriptedFlow] = []
    var cases: [DemoCase] = []

    static let assets: [(String, Int)] = [("耕地", 45), ("鱼塘", 20), ("林地", 10), ("山地", 10), ("厂房", 10), ("铺面", 5)]
    /// Rent per 亩 a year, in fen, of ordinary leases of each land type.
    static let rentBands: [String: ClosedRange<Int>] = ["耕地": 50_000...80_000, "鱼塘": 120_000...180_000, "林地": 6_000...10_000, "山地": 4_000...7_000]

    init(people: DemoVillagePeople, bank: DemoBankFlows?, seed: UInt64) {
        self.people = people
        self.bank = bank
        rng = DemoRandom(seed: seed, label: "leases/" + people.village.code)
    }

    var contractPrefix: String { "HT" + people.village.code + "-" }

    mutating func build(count: Int) {
        var cumulative: [Int] = []
        for (_, weight) in Self.assets { cumulative.append((cumulative.last ?? 0) + weight) }
        let lessees = people.homes.filter { !$0.reserved }.map(\.head)
        for _ in 0..<count {
            let asset = Self.assets[rng.index(cumulative: cumulative)].0
            add(ordinary(asset, lessee: lessees.isEmpty || rng.chance(0.25) ? nil : rng.pick(lessees)))
        }
    }

    /// An ordinary lease of `asset` to the villager `lessee`, or to a company when `nil`.
    mutating func ordinary(_ asset: String, lessee: Int?) -> Lease {
        let large = rng.chance(0.2)
        var area: Int64?, rent: Int64
        switch asset {
        case "耕地", "鱼塘", "林地", "山地":
            let hills = asset == "林地" || asset == "山地"
            let hundredths = large ? (hills ? rng.int(60...400) : rng.int(20...120)) : (hills ? rng.int(10...58) : rng.int(2...19))
            area = Int64(hundredths * 50)
            rent = Int64(rng.int(Self.rentBands[asset]!)) * area! / 100 / 100 * 100
        default:
            rent = Int64(large ? rng.int(500...1_200) : rng.int(120...450)) * 10_000
        }
        let years: ClosedRange<Int> = switch asset {
        case "耕地": 5...15
        case "鱼塘": 5...10
        case "林地", "山地": 10...30
        default: 3...10
        }
        let start = CalendarDate(year: rng.int(2012...2025), month: rng.int(1...12), day: rng.int(1...28))!
        let end = start.adding(months: 12 * rng.int(years)).adding(days: -1)
        let open = large || rent >= 5_000_000
        let award = open ? rng.pick(["公开招标", "公开竞价"]) : rng.pick(["协商", "公开竞价", "其他"])
        let schedule = rng.chance(0.8) ? ("年付", 12) : rng.chance(0.75) ? ("半年付", 6) : ("季付", 3)
        let (name, id) = lessee.map { (people.residents[$0].name, people.residents[$0].id) } ?? (company(), "")
        return Lease(asset: asset, lessee: name, lesseeID: id, areaHundredths: area, annualRentFen: rent, start: start, end: end,
                     award: award, schedule: schedule, payDelay: rng.int(0...15))
    }

    mutating func company() -> String {
        "雷州市" + rng.pick(DemoCounterparties.words) + rng.pick(["养殖场", "农业发展有限公司", "种养专业合作社", "水产有限公司"])
    }

    /// Writes the lease and its rent; returns its contract ID.
    @discardableResult
    mutating func add(_ lease: Lease) -> String {
        let id = contractPrefix + DemoIDAllocator.digits(rows.count + 1, 4)
        let area = lease.areaHundredths.map { Fen($0).plainYuanText } ?? ""
        rows.append([id, people.village.code, lease.asset, "\(lease.asset)\(DemoIDAllocator.digits(rows.count + 1, 3))号", lease.lessee,
                     lease.lesseeID, area, lease.start.description, lease.end.description, Fen(lease.annualRentFen).plainYuanText,
                     lease.award, lease.start.adding(days: -rng.int(5...20)).description, lease.schedule.name])
        if let bank, let delay = lease.payDelay { payRent(lease, delay: delay, window: bank) }
        return id
    }

    /// An instalment on every due date (every 12, 6 or 3 months after the start) inside the
    /// bank window, paid `delay` days later when that is still inside it.
    mutating func payRent(_ lease: Lease, delay: Int, window: DemoBankFlows) {
        let first = window.monthStarts[0], last = window.endMonth.adding(months: 1).adding(days: -1)
        let instalment = lease.annualRentFen * Int64(lease.schedule.months) / 12
        var step = 1, due = lease.start.adding(months: lease.schedule.months)
        while due <= min(lease.end, last) {
            let paid = due.adding(days: delay)
            if due >= first, paid <= last {
                let party = DemoCounterparties.person(lease.lessee, village: people.village)
                rents.append(DemoScriptedFlow(day: paid, flow: DemoFlow(amount: instalment, party: party, summary: Self.rentSummary(lease.asset),
                                                                        purpose: "集体资产资源发包")))
            }
            step += 1
            due = lease.start.adding(months: step * lease.schedule.months)
        }
    }

    static func rentSummary(_ asset: String) -> String {
        switch asset {
        case "耕地": "耕地发包收入"
        case "鱼塘": "鱼塘承包费"
        case "林地": "林地承包费"
        case "山地": "坡地承包费"
        default: asset + "租金"
        }
    }

    mutating func record(_ name: String, _ code: String, fires: Bool, subject: String) {
        cases.append(DemoCase(name: name, code: code, shouldFire: fires, villageCode: people.village.code, subject: subject))
    }
}
