import VillageWatchCore
import VillageWatchPublications

/// One or more accounts' flows summed by month and category, with the balance at each month's
/// end. The public funds page, the monthly finance statement and its reconciliation all read
/// this one summary, so they cannot disagree about what the bank says.
public struct FundsLedger: Sendable {
    public struct Entry: Sendable {
        public let account: String
        /// The China Standard Time date the bank booked it (`YYYY-MM-DD`).
        public let bookedOn: String
        public let amountFen: Int64
        /// The bank's balance after this entry, when the bank reports one.
        public let balanceFen: Int64?
        public let category: FundsCategory

        public init(account: String, bookedOn: String, amountFen: Int64, balanceFen: Int64?, category: FundsCategory) {
            self.account = account
            self.bookedOn = bookedOn
            self.amountFen = amountFen
            self.balanceFen = balanceFen
            self.category = category
        }
    }

    public struct Month: Sendable, Equatable {
        public let period: PublicationPeriod
        public let openingFen: Int64
        public let closingFen: Int64
        /// Money in or out per category, as positive amounts.
        public let byCategory: [FundsCategory: Int64]

        public var incomeFen: Int64 { byCategory.filter { $0.key.isIncome }.values.reduce(0, +) }
        public var spendingFen: Int64 { byCategory.filter { !$0.key.isIncome }.values.reduce(0, +) }
    }

    /// Every month from the first flow to the last, quiet months included, oldest first.
    public let months: [Month]

    /// `entries` in booking order (oldest first) within each account.
    public init(entries: [Entry]) {
        let byMonth = Dictionary(grouping: entries) { String($0.bookedOn.prefix(7)) }
        guard let first = entries.map(\.bookedOn).min().flatMap(Self.period), let last = entries.map(\.bookedOn).max().flatMap(Self.period) else {
            months = []
            return
        }
        var balances = Self.openingBalances(entries)
        var result: [Month] = []
        for period in PublicationPeriod.months(from: first, to: last) {
            let opening = balances.values.reduce(0, +)
            var categories: [FundsCategory: Int64] = [:]
            for entry in byMonth[period.description] ?? [] {
                categories[entry.category, default: 0] += Int64(clamping: entry.amountFen.magnitude)
                balances[entry.account] = entry.balanceFen ?? (balances[entry.account, default: 0] + entry.amountFen)
            }
            result.append(Month(period: period, openingFen: opening, closingFen: balances.values.reduce(0, +), byCategory: categories))
        }
        months = result
    }

    public func month(_ period: PublicationPeriod) -> Month? { months.first { $0.period == period } }

    /// The balance at the end of the last month before `period` (a quiet month's opening).
    public func closing(before period: PublicationPeriod) -> Int64 {
        months.last { $0.period < period }?.closingFen ?? months.first?.openingFen ?? 0
    }

    /// Each account's balance before its first entry: what the bank reported after it, less it.
    static func openingBalances(_ entries: [Entry]) -> [String: Int64] {
        var opening: [String: Int64] = [:]
        for entry in entries where opening[entry.account] == nil {
            opening[entry.account] = entry.balanceFen.map { $0 - entry.amountFen } ?? 0
        }
        return opening
    }

    static func period(_ date: String) -> PublicationPeriod? {
        CalendarDate(parsing: date).map(PublicationPeriod.month(containing:))
    }
}
