import Foundation
import VillageWatchCore

/// MT940 dates: `YYMMDD` (balances, `:61:` value date) and `MMDD` (`:61:` entry date, no year).
///
/// - Years `00`…`79` are 2000…2079, `80`…`99` are 1980…1999.
/// - February 29 in a common year and February 30 are the last day of February. German banks
///   book interest and fees "on 30 February" (30/360 day count: every month has 30 days), as the
///   `february_30` sample does (`:61:1602300301…`); upstream reads it as 2016-02-29. Any other
///   impossible day (31 February, 31 April) is an error.
enum MT940Date {
    static func date(_ yymmdd: some StringProtocol) -> CalendarDate? {
        guard yymmdd.count == 6, yymmdd.allSatisfy({ $0.isASCII && $0.isNumber }),
              let yy = Int(yymmdd.prefix(2)), let mm = Int(yymmdd.dropFirst(2).prefix(2)), let dd = Int(yymmdd.suffix(2)) else {
            return nil
        }
        return civil(year: yy < 80 ? 2000 + yy : 1900 + yy, month: mm, day: dd)
    }

    /// The entry (booking) date `mmdd` in the year that puts it nearest to `valueDate`: a value
    /// date of 2016-12-31 with entry date `0102` is booked on 2017-01-02, a value date of
    /// 2017-01-02 with entry date `1231` on 2016-12-31.
    static func entryDate(_ mmdd: some StringProtocol, near valueDate: CalendarDate) -> CalendarDate? {
        guard mmdd.count == 4, mmdd.allSatisfy({ $0.isASCII && $0.isNumber }),
              let mm = Int(mmdd.prefix(2)), let dd = Int(mmdd.suffix(2)) else { return nil }
        let anchor = dayNumber(valueDate)
        return [valueDate.year - 1, valueDate.year, valueDate.year + 1]
            .compactMap { civil(year: $0, month: mm, day: dd) }
            .min { abs(dayNumber($0) - anchor) < abs(dayNumber($1) - anchor) }
    }

    private static func civil(year: Int, month: Int, day: Int) -> CalendarDate? {
        if month == 2, day == 29 || day == 30 {
            return CalendarDate(year: year, month: 2, day: CalendarDate.daysIn(month: 2, year: year))
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), to compare dates.
    private static func dayNumber(_ date: CalendarDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
