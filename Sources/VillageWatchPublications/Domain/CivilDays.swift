import Foundation
import VillageWatchCore

/// Day arithmetic on `CalendarDate`, which deliberately has none.
///
/// Deadlines are counted in calendar days with no time zone involved, so this works on a plain
/// day number (days since 1970-01-01 in the proleptic Gregorian calendar, H. Hinnant's
/// `days_from_civil`) instead of `Foundation.Calendar`, which would bring a time zone and
/// daylight-saving edge cases into a purely civil computation. It is a namespace rather than a
/// `CalendarDate` extension so that it can never collide with arithmetic the core may add later.
enum CivilDays {
    /// Days since 1970-01-01 (negative before).
    static func number(_ date: CalendarDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (date.month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number; the inverse of `number(_:)`.
    static func date(_ number: Int) -> CalendarDate {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // The algorithm only produces valid dates, so this cannot fail.
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Calendar days from `a` to `b`: positive when `b` is later.
    static func between(_ a: CalendarDate, _ b: CalendarDate) -> Int { number(b) - number(a) }

    static func adding(_ days: Int, to date: CalendarDate) -> CalendarDate { self.date(number(date) + days) }

    /// `2026年10月8日`, the way dates appear in labels.
    static func chinese(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }
}
