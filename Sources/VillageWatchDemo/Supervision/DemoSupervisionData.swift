import VillageWatchCore

/// What supervision data the demo writes besides the registry and the bank flows: the benefit
/// programmes and their payment rolls over the twelve months up to `endMonth`, the county's
/// registries (deaths, public employees, vehicles, businesses, contracted land), filed cases of
/// cadres' relatives and the leases of collective assets, with cases of every finding code and
/// their near-misses planted as `DemoSupervisionPlan` describes.
///
/// When bank flows are written too, every lease's rent arrives in the village's account on
/// time (except the planted arrears), so the rent check has something real to compare.
public struct DemoSupervisionData: Sendable {
    /// The last month of the rolls (its first day).
    public let endMonth: CalendarDate
    /// Leases per village: ≈ 30,000 for Leizhou's 485 villages at 62.
    public let leasesPerVillage: Int
    /// Share of households on 最低生活保障, the programme that drives the roll's size.
    public let dibaoShare: Double

    /// The files the supervision data adds: the dataset `villagewatch import` loads each as, and
    /// the path under the output directory, in an order the imports can follow.
    public static let files: [(dataset: String, path: String)] = [
        ("programs", "programs.csv"), ("benefits", "benefits.csv"), ("filings", "filings.csv"), ("contracts", "contracts.csv"),
        ("deaths", "registries/deaths.csv"), ("public-employees", "registries/public-employees.csv"), ("vehicles", "registries/vehicles.csv"),
        ("businesses", "registries/businesses.csv"), ("land", "registries/land.csv"),
    ]

    /// The county benchmark's lease count per village (30,000 in all).
    public static let countyLeasesPerVillage = 62
    /// The county benchmark's DIBAO share: with the other programmes, about 3 million payments
    /// over the twelve months (8% gives 2.58 million).
    public static let countyDibaoShare = 0.105

    public init(endMonth: CalendarDate, leasesPerVillage: Int = 12, dibaoShare: Double = 0.08) {
        self.endMonth = CalendarDate(year: endMonth.year, month: endMonth.month, day: 1)!
        self.leasesPerVillage = max(0, leasesPerVillage)
        self.dibaoShare = dibaoShare
    }

    /// The first day of each month of the rolls, oldest first.
    var periods: [CalendarDate] { (0..<12).reversed().map { endMonth.adding(months: -$0) } }

    /// `YYYY-MM` of a month's first day.
    static func period(_ month: CalendarDate) -> String { String(month.description.prefix(7)) }
}

/// A case planted in the demo's data on purpose: a finding the screening must raise, or a
/// near-miss it must not. `subject` is an identifier the finding's subject carries (an ID
/// number, payment, account, transaction, contract or period), so a check can find it in
/// `villagewatch screen` output.
public struct DemoCase: Sendable, Equatable {
    public let name: String
    public let code: String
    public let shouldFire: Bool
    public let villageCode: String
    public let subject: String

    public init(name: String, code: String, shouldFire: Bool, villageCode: String, subject: String) {
        self.name = name
        self.code = code
        self.shouldFire = shouldFire
        self.villageCode = villageCode
        self.subject = subject
    }

    /// This case about `serial` when it names no subject yet.
    func withSubject(_ serial: String) -> DemoCase {
        subject.isEmpty ? DemoCase(name: name, code: code, shouldFire: shouldFire, villageCode: villageCode, subject: serial) : self
    }

    /// The columns of planted.csv.
    public static let header = ["case", "code", "expect", "village_code", "subject"]
    var row: [String] { [name, code, shouldFire ? "found" : "not-found", villageCode, subject] }
}
