import Foundation
import VillageWatchCore

/// The period a regular publication covers: a month (`2026-10`) or a quarter (`2026-Q3`).
///
/// The text form is what the database stores and the JSON API carries; it sorts as text within
/// one length. Values are always valid: the only ways in are the failable initialisers, the
/// `containing` constructors and `next`.
public struct PublicationPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Length: String, Sendable, Hashable, Codable {
        case month
        case quarter
    }

    public let year: Int
    public let length: Length
    /// 1...12 for a month, 1...4 for a quarter.
    public let index: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month) else { return nil }
        self.year = year; self.length = .month; self.index = month
    }

    public init?(year: Int, quarter: Int) {
        guard (1...4).contains(quarter) else { return nil }
        self.year = year; self.length = .quarter; self.index = quarter
    }

    /// The month `date` falls in.
    public static func month(containing date: CalendarDate) -> PublicationPeriod {
        PublicationPeriod(year: date.year, month: date.month)!
    }

    /// The quarter `date` falls in.
    public static func quarter(containing date: CalendarDate) -> PublicationPeriod {
        PublicationPeriod(year: date.year, quarter: (date.month - 1) / 3 + 1)!
    }

    /// Accepts `2026-10`, `2026-1` (printed back as `2026-01`) and `2026-Q3` / `2026-q3`;
    /// `nil` for anything else.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(Self.isDigit), let year = Int(parts[0]) else { return nil }
        var rest = parts[1]
        if rest.first == "Q" || rest.first == "q" {
            rest = rest.dropFirst()
            guard rest.count == 1, rest.allSatisfy(Self.isDigit), let quarter = Int(rest) else { return nil }
            self.init(year: year, quarter: quarter)
        } else {
            guard (1...2).contains(rest.count), rest.allSatisfy(Self.isDigit), let month = Int(rest) else { return nil }
            self.init(year: year, month: month)
        }
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    public var description: String {
        switch length {
        case .month: String(format: "%04d-%02d", year, index)
        case .quarter: String(format: "%04d-Q%d", year, index)
        }
    }

    /// `2026年10月` or `2026年第3季度`, for labels.
    public var chineseName: String {
        switch length {
        case .month: "\(year)年\(index)月"
        case .quarter: "\(year)年第\(index)季度"
        }
    }

    private var firstMonth: Int { length == .month ? index : (index - 1) * 3 + 1 }
    private var lastMonth: Int { length == .month ? index : index * 3 }

    public var firstDay: CalendarDate { CalendarDate(year: year, month: firstMonth, day: 1)! }

    public var lastDay: CalendarDate {
        CalendarDate(year: year, month: lastMonth, day: CalendarDate.daysIn(month: lastMonth, year: year))!
    }

    public func contains(_ date: CalendarDate) -> Bool { firstDay <= date && date <= lastDay }

    /// The period of the same length that follows this one.
    public var next: PublicationPeriod {
        let count = length == .month ? 12 : 4
        let (year, index) = self.index == count ? (self.year + 1, 1) : (self.year, self.index + 1)
        return length == .month ? PublicationPeriod(year: year, month: index)! : PublicationPeriod(year: year, quarter: index)!
    }

    /// The period of the same length that precedes this one.
    public var previous: PublicationPeriod {
        let count = length == .month ? 12 : 4
        let (year, index) = self.index == 1 ? (self.year - 1, count) : (self.year, self.index - 1)
        return length == .month ? PublicationPeriod(year: year, month: index)! : PublicationPeriod(year: year, quarter: index)!
    }

    /// Every month from the one `from` starts in through the one `to` ends in, both included;
    /// empty when `to` ends before `from` starts.
    public static func months(from: PublicationPeriod, to: PublicationPeriod) -> [PublicationPeriod] {
        run(from: month(containing: from.firstDay), through: month(containing: to.lastDay))
    }

    /// Every quarter from the one `from` starts in through the one `to` ends in, both included;
    /// empty when `to` ends before `from` starts.
    public static func quarters(from: PublicationPeriod, to: PublicationPeriod) -> [PublicationPeriod] {
        run(from: quarter(containing: from.firstDay), through: quarter(containing: to.lastDay))
    }

    private static func run(from first: PublicationPeriod, through last: PublicationPeriod) -> [PublicationPeriod] {
        var result: [PublicationPeriod] = []
        var period = first
        while period <= last {
            result.append(period)
            period = period.next
        }
        return result
    }

    /// Chronological by first day; a month sorts before the quarter starting with it.
    public static func < (a: Self, b: Self) -> Bool {
        (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay)
    }

    /// Encoded as its text form, `"2026-10"` or `"2026-Q3"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = PublicationPeriod(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a period (2026-10 or 2026-Q3): \(text)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
