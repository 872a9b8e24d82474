import Foundation
import VillageWatchCore

/// Date-times in imported files: `YYYY-MM-DD HH:MM[:SS]` (also `/` or no separators in the date)
/// in China Standard Time unless an offset (`+08:00`, `Z`) is given.
public enum ChinaDateTime {
    public static func parse(_ raw: String) -> Date? {
        epochSeconds(raw).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Seconds since 1970-01-01T00:00:00Z, computed on the day number rather than through
    /// `Calendar`, which made date-times the costliest field of a bank import.
    public static func epochSeconds(_ raw: String) -> Int64? {
        let text = String(raw.trimmingSpaces.map { $0 == "T" ? " " : $0 })
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let date = parts.first.flatMap(CalendarDate.init(parsing:)) else { return nil }
        var time = parts.count > 1 ? parts[1] : "00:00:00"
        var offsetSeconds = 8 * 3600
        if time.hasSuffix("Z") {
            offsetSeconds = 0
            time.removeLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = time[time.index(after: sign)...].split(separator: ":").compactMap { Int($0) }
            guard offset.count == 2 || (offset.count == 1 && time[time.index(after: sign)...].count == 4) else { return nil }
            let (hours, minutes) = offset.count == 2 ? (offset[0], offset[1]) : (offset[0] / 100, offset[0] % 100)
            offsetSeconds = (hours * 3600 + minutes * 60) * (time[sign] == "-" ? -1 : 1)
            time = String(time[..<sign])
        }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard (2...3).contains(clock.count), (0..<24).contains(clock[0]), (0..<60).contains(clock[1]),
              clock.count == 2 || (0..<60).contains(clock[2]) else { return nil }
        let seconds = clock[0] * 3600 + clock[1] * 60 + (clock.count == 3 ? clock[2] : 0)
        return Int64(date.dayNumber) * 86_400 + Int64(seconds - offsetSeconds)
    }
}
