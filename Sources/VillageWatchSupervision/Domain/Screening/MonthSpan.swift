import VillageWatchCore

/// A payment period `YYYY-MM` as its first and last day.
public struct MonthSpan: Sendable, Equatable {
    public let first: CalendarDate
    public let last: CalendarDate

    public init?(_ period: String) {
        guard let (year, month) = Self.yearAndMonth(period), let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
        let next = month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1)! : CalendarDate(year: year, month: month + 1, day: 1)!
        self.first = first
        last = next.adding(days: -1)
    }

    /// `YYYY-MM` read digit by digit: the importer stores every period in that form, and a
    /// county's screening parses three million of them. Anything else is no period.
    static func yearAndMonth(_ period: String) -> (Int, Int)? {
        let bytes = Array(period.utf8.prefix(8)), zero = UInt8(ascii: "0")
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes.indices.allSatisfy({ $0 == 4 || (zero...zero + 9).contains(bytes[$0]) }) else {
            return nil
        }
        let digit = { Int(bytes[$0] - zero) }
        return (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), digit(5) * 10 + digit(6))
    }
}
