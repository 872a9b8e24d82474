import VillageWatchCore

/// What bank flows the demo writes: the months they cover and how many transactions in all.
///
/// The window is given, not read from the clock, so the same options always give the same
/// files; `serve --demo` passes the month before today's (China time), the same 24 months the
/// demo's finance publications cover.
public struct DemoBankFlows: Sendable {
    /// The last month with flows (its first day).
    public let endMonth: CalendarDate
    public let months: Int
    /// Transactions written over all accounts (the planted gaps are among the ones not written).
    public let transactions: Int

    /// What `serve --demo` loads at either scale: ~60 a year per account on average, about
    /// 8 seconds of import in a debug build.
    public static let demoTransactions = 200_000

    public init(endMonth: CalendarDate, months: Int = 24, transactions: Int = demoTransactions) {
        self.endMonth = CalendarDate(year: endMonth.year, month: endMonth.month, day: 1)!
        self.months = max(1, months)
        self.transactions = max(0, transactions)
    }

    /// The first day of every month of the window, oldest first.
    var monthStarts: [CalendarDate] {
        (0..<months).reversed().map { back in
            let index = endMonth.year * 12 + endMonth.month - 1 - back
            return CalendarDate(year: index / 12, month: index % 12 + 1, day: 1)!
        }
    }
}
