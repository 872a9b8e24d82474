import Foundation

/// A civil date (`YYYY-MM-DD`) without a time zone: birth dates, terms, periods.
///
/// Imports accept `YYYY-MM-DD`, `YYYY/MM/DD` and `YYYYMMDD`; storage always uses `YYYY-MM-DD`
/// so that dates sort as text on both database engines.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses the accepted spellings; `nil` for anything else or an impossible date.
    public init?(parsing raw: String) {
        let text = raw.trimmingSpaces
        let parts: [Substring]
        if text.count == 8, text.allSatisfy(\.isASCIIDigit) {
            parts = [text.prefix(4), text.dropFirst(4).prefix(2), text.suffix(2)]
        } else {
            parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        }
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String { isoText }

    /// `YYYY-MM-DD` without `String(format:)`, which costs more than the rest of a row.
    var isoText: String {
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        let y = String(year)
        return String(repeating: "0", count: 4 - y.count) + y + "-" + Timestamp.twoDigits(month) + "-" + Timestamp.twoDigits(day)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
