import VillageWatchCore

/// A payment period `YYYY-MM` as its first and last day.
public struct MonthSpan: Sendable, Equatable {
    public let first: CalendarDate
    public let last: CalendarDate

    public init?(_ period: String) {
        let parts = period.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), let first = CalendarDate(year: year, month: month, day: 1) else {
            return nil
        }
        let next = month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1)! : CalendarDate(year: year, month: month + 1, day: 1)!
        self.first = first
        last = next.adding(days: -1)
    }
}
