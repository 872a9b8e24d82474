import VillageWatchCore

/// Hands out resident ID numbers (GB 11643) for the county 440882 that are unique across the
/// whole demo: one sequence counter per birth date and sex, odd sequences for men and even ones
/// for women, each date's counter starting at a seed-dependent offset.
struct DemoIDAllocator: Sendable {
    static let address = "440882"
    static let firstYear = 1900, lastYear = 2030
    /// Per date: 500 odd sequences (1, 3, … 999) and 499 even ones (2, 4, … 998).
    static let maleSlots = 500, femaleSlots = 499

    private var used: [UInt16]
    private let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        used = Array(repeating: 0, count: (Self.lastYear - Self.firstYear + 1) * 372 * 2)
    }

    /// A valid ID number for someone of `age` on 2026-01-01, born on a day drawn from `rng`.
    mutating func allocate(age: Int, male: Bool, _ rng: inout DemoRandom) -> String {
        let year = DemoPopulation.referenceYear - 1 - age
        let days = isLeap(year) ? 366 : 365
        // Day of year 2…days, so that the age on 1 January of the reference year is exactly `age`.
        var dayOfYear = rng.int(2...days)
        for _ in 0..<days {
            let (month, day) = monthDay(dayOfYear, year: year)
            let key = ((year - Self.firstYear) * 372 + (month - 1) * 31 + (day - 1)) * 2 + (male ? 1 : 0)
            let slots = male ? Self.maleSlots : Self.femaleSlots
            let k = Int(used[key])
            if k < slots {
                used[key] += 1
                let start = Int(DemoRandom.mix(seed, UInt64(key)) % UInt64(slots))
                let slot = (start + k) % slots
                let sequence = male ? slot * 2 + 1 : slot * 2 + 2
                return IDNumber.make(address: Self.address, birth: Self.digits(year, 4) + Self.digits(month, 2) + Self.digits(day, 2),
                                     sequence: sequence)
            }
            dayOfYear = dayOfYear == days ? 2 : dayOfYear + 1
        }
        preconditionFailure("more than \(Self.maleSlots * days) people of one sex born in \(year)")
    }

    /// The same number with a wrong check character (a registry typo): still unique, since the
    /// first 17 digits are.
    static func corrupt(_ valid: String, _ rng: inout DemoRandom) -> String {
        let checks: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]
        let correct = valid.last!
        var wrong = rng.pick(checks)
        while wrong == correct { wrong = rng.pick(checks) }
        return String(valid.dropLast()) + String(wrong)
    }

    private func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private func monthDay(_ dayOfYear: Int, year: Int) -> (Int, Int) {
        var d = dayOfYear
        for month in 1...12 {
            let n = CalendarDate.daysIn(month: month, year: year)
            if d <= n { return (month, d) }
            d -= n
        }
        return (12, 31)
    }

    /// Zero-padded decimal digits without Foundation formatting.
    static func digits(_ value: Int, _ width: Int) -> String {
        var limit = 1
        for _ in 0..<width { limit *= 10 }
        guard value >= 0, value < limit else { return String(value) }
        var bytes = [UInt8](repeating: 48, count: width)
        var v = value, i = width - 1
        while v > 0, i >= 0 { bytes[i] = UInt8(48 + v % 10); v /= 10; i -= 1 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
