import Testing
import VillageWatchCore
@testable import VillageWatchEchoWall

/// Working days from the shipped State Council arrangements: holidays skipped, adjusted weekend
/// working days counted, plain weekends skipped, years not in the file flagged.
@Suite struct WorkingCalendarTests {
    let calendar = WorkingCalendar.china

    func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func holidaysAndAdjustedWorkdays() {
        #expect(!calendar.isWorkingDay(day("2026-10-01")))       // National Day, a Thursday
        #expect(calendar.isWorkingDay(day("2026-10-10")))        // Saturday made a working day
        #expect(!calendar.isWorkingDay(day("2026-11-28")))       // an ordinary Saturday
        #expect(calendar.isWorkingDay(day("2026-11-30")))        // an ordinary Monday
        #expect(calendar.isWorkingDay(day("2026-02-14")))        // Saturday before Spring Festival, working
        #expect(!calendar.isWorkingDay(day("2026-02-23")))       // last day of Spring Festival, a Monday
        #expect(!calendar.isWorkingDay(day("2025-10-08")))       // 2025: National Day and Mid-Autumn, eight days
    }

    @Test func deadlinesSkipTheHolidayAndCountTheWorkingSaturday() {
        // Submitted on Wednesday 30 September 2026, the eve of the National Day week.
        #expect(calendar.workingDay(1, after: day("2026-09-30")) == day("2026-10-08"))
        #expect(calendar.workingDay(5, after: day("2026-09-30")) == day("2026-10-13"))   // 8, 9, 10 (Sat), 12, 13
        #expect(calendar.workingDay(1, after: day("2026-11-27")) == day("2026-11-30"))   // Friday → Monday
        #expect(calendar.workingDays(after: day("2026-09-30"), through: day("2026-10-13")) == 5)
        #expect(calendar.workingDays(after: day("2026-10-13"), through: day("2026-10-13")) == 0)
    }

    @Test func yearsOutsideTheFileAreFlagged() {
        #expect(calendar.covers(year: 2026) && calendar.covers(year: 2024))
        #expect(!calendar.covers(year: 2031))
        #expect(calendar.isWorkingDay(day("2031-01-01")))        // not in the file: a plain Wednesday
    }

    @Test func aBrokenFileNamesItsLine() {
        #expect(throws: WorkingCalendar.Problem.self) { try WorkingCalendar(csv: "date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-12,workday,国庆节\n", file: "x.csv") }
        do {
            _ = try WorkingCalendar(csv: "date,kind,name\n2026-13-01,holiday,x\n", file: "x.csv")
        } catch {
            #expect("\(error)".contains("x.csv line 2"))
        }
    }
}
