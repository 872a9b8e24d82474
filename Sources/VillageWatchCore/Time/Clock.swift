import Foundation

/// Where "now" comes from, so that tests can fix time (deadlines, session expiry, throttling).
public protocol WallClock: Sendable {
    func now() -> Date
}

extension WallClock {
    /// Today's date in China Standard Time, the date deadlines are counted in.
    public var chinaToday: CalendarDate {
        CalendarDate(parsing: Timestamp.chinaStandardDate(epochSeconds: Int64(now().timeIntervalSince1970.rounded(.down))))!
    }
}

public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Timestamps are stored in UTC as ISO 8601 text (`2026-11-29T15:16:37Z`), which sorts correctly
/// as text on both engines, and shown in China Standard Time.
public enum Timestamp {
    public static func utc(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
            .replacingOccurrences(of: "+0000", with: "Z")
    }

    /// `utc(_:)` for whole seconds since 1970, by day-number arithmetic: what imports of
    /// hundreds of thousands of bank rows use instead of a date formatter per row.
    public static func utc(epochSeconds: Int64) -> String {
        let (day, second) = dayAndSecond(epochSeconds)
        return CalendarDate(dayNumber: day).isoText + "T" + twoDigits(second / 3600) + ":" + twoDigits(second / 60 % 60) + ":"
            + twoDigits(second % 60) + "Z"
    }

    /// The China Standard Time date (`YYYY-MM-DD`) of whole seconds since 1970 (UTC+8, no DST).
    public static func chinaStandardDate(epochSeconds: Int64) -> String {
        CalendarDate(dayNumber: dayAndSecond(epochSeconds + 8 * 3600).day).isoText
    }

    private static func dayAndSecond(_ epochSeconds: Int64) -> (day: Int, second: Int) {
        let day = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        return (Int(day), Int(epochSeconds - day * 86_400))
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    public static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// `2026-11-29 23:16` in Asia/Shanghai, for people.
    public static func chinaStandardTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    public static func chinaStandardTime(utc text: String) -> String {
        parse(text).map(chinaStandardTime) ?? text
    }
}
