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
        if let seconds = canonicalEpochSeconds(Array(raw.utf8)) { return seconds }
        return anyEpochSeconds(raw)
    }

    /// `YYYY-MM-DD HH:MM:SS` exactly, as canonical files and the demo write it, read from the
    /// bytes; `nil` sends every other spelling to `anyEpochSeconds`.
    private static func canonicalEpochSeconds(_ b: [UInt8]) -> Int64? {
        guard b.count == 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let date = CalendarDate(year: year, month: month, day: day),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60, second < 60 else { return nil }
        return Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second - 8 * 3600)
    }

    /// Every accepted spelling: other date separators, no seconds, `T`, offsets.
    private static func anyEpochSeconds(_ raw: String) -> Int64? {
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
