import Foundation
import VillageWatchCore

/// China's working days: Monday to Friday, minus the official holidays, plus the weekend days
/// the State Council's yearly notice makes working days (调休上班). The arrangement of each year
/// is data (`Calendar/china-holidays.csv`, sources in docs/holidays.md); a year the file does
/// not cover counts plain Monday–Friday, and `covers(_:)` lets pages say so.
public struct WorkingCalendar: Sendable {
    /// Days off that would otherwise be working days, and their festival.
    let holidays: [CalendarDate: String]
    /// Weekend days that are working days.
    let adjustedWorkdays: Set<CalendarDate>
    let years: Set<Int>

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `date,kind,name` lines (`kind` is `holiday` or `workday`).
    public init(csv: String, file: String) throws {
        var holidays: [CalendarDate: String] = [:], workdays = Set<CalendarDate>(), years = Set<Int>()
        for (index, line) in csv.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let date = CalendarDate(parsing: fields[0]) else {
                throw Problem(description: "\(file) line \(index + 1): expected date,kind,name with a YYYY-MM-DD date")
            }
            switch fields[1] {
            case "holiday": holidays[date] = fields[2]
            case "workday":
                guard Self.isWeekend(date) else { throw Problem(description: "\(file) line \(index + 1): workday \(date) is not a weekend day") }
                workdays.insert(date)
            default: throw Problem(description: "\(file) line \(index + 1): kind must be holiday or workday, not \(fields[1])")
            }
            years.insert(date.year)
        }
        self.holidays = holidays
        adjustedWorkdays = workdays
        self.years = years
    }

    /// The calendar shipped with the platform.
    public static let china: WorkingCalendar = {
        let url = Bundle.module.url(forResource: "china-holidays", withExtension: "csv", subdirectory: "Calendar")!
        return try! WorkingCalendar(csv: String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }()

    public func covers(year: Int) -> Bool { years.contains(year) }

    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        if adjustedWorkdays.contains(date) { return true }
        return !Self.isWeekend(date) && holidays[date] == nil
    }

    /// The `count`-th working day after `date` (`date` itself never counts: a deadline of one
    /// working day from Friday is Monday, from the eve of a holiday the first day after it).
    public func workingDay(_ count: Int, after date: CalendarDate) -> CalendarDate {
        var day = date, left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not later).
    public func workingDays(after start: CalendarDate, through end: CalendarDate) -> Int {
        guard start < end else { return 0 }
        return (1...start.days(to: end)).count { isWorkingDay(start.adding(days: $0)) }
    }

    static func isWeekend(_ date: CalendarDate) -> Bool {
        // Day 0 (1970-01-01) was a Thursday: (n + 3) mod 7 is 0 on Mondays, 5 and 6 at weekends.
        ((date.dayNumber + 3) % 7 + 7) % 7 >= 5
    }
}
