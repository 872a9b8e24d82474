import Foundation
import VillageWatchCore

/// When rent falls due under a lease's payment schedule: every 12, 6, 3 or 1 months counted
/// from the start date (年付 on each anniversary). A lease that states no schedule pays
/// yearly, the usual arrangement for collective land.
public struct RentSchedule: Sendable, Equatable {
    public let months: Int
    public let name: String

    public init(_ schedule: String?) {
        switch schedule?.trimmingCharacters(in: .whitespaces) {
        case "半年付": (months, name) = (6, "半年付")
        case "季付": (months, name) = (3, "季付")
        case "月付": (months, name) = (1, "月付")
        default: (months, name) = (12, "年付")
        }
    }

    /// The rent of one instalment.
    public func instalmentFen(annualRentFen: Int64) -> Int64 { annualRentFen * Int64(months) / 12 }

    /// The due dates of a lease running from `start` to `end` that fall from `first` to `last`,
    /// both included; none after the lease ends.
    public func dueDates(start: CalendarDate, end: CalendarDate, from first: CalendarDate, to last: CalendarDate) -> [CalendarDate] {
        let monthsBefore = (first.year - start.year) * 12 + first.month - start.month
        var step = max(1, monthsBefore / months - 1), result: [CalendarDate] = []
        var due = start.adding(months: step * months)
        while due <= min(end, last) {
            if due >= first { result.append(due) }
            step += 1
            due = start.adding(months: step * months)
        }
        return result
    }
}
