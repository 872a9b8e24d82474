import Foundation
import VillageWatchCore

/// ISO 20022 dates: `ISODate` (`2014-12-31`, optionally with a zone, `2014-12-31+08:00`) and
/// `ISODateTime` (`2014-12-31T13:15:00`, `…+01:00`, `…Z`, `…T13:15:00.123`).
///
/// A date-time gives the civil date as the bank wrote it, in the bank's own offset, not the date
/// in UTC: a booking at `2024-03-01T00:30:00+08:00` in China is on 1 March.
enum Camt053Dates {
    static func date(_ text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = civilDate(bytes) else { return nil }
        return isZone(bytes[10...]) ? date : nil
    }

    static func dateTime(_ text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T"), let date = civilDate(bytes) else { return nil }
        // hh:mm:ss
        let time = bytes[11..<19]
        guard digits(time, at: [0, 1, 3, 4, 6, 7]), time[time.startIndex + 2] == UInt8(ascii: ":"), time[time.startIndex + 5] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              hour <= 24, minute <= 59, second <= 60 else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let fraction = rest.prefix { isDigit($0) }
            guard !fraction.isEmpty else { return nil }
            rest = rest.dropFirst(fraction.count)
        }
        return isZone(rest) ? date : nil
    }

    /// `YYYY-MM-DD` at the start of `bytes`.
    private static func civilDate(_ bytes: [UInt8]) -> CalendarDate? {
        guard digits(bytes[0..<10], at: [0, 1, 2, 3, 5, 6, 8, 9]), bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Nothing, `Z`, or `+hh:mm` / `-hh:mm`.
    private static func isZone(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        if bytes.count == 1 { return bytes.first == UInt8(ascii: "Z") }
        guard bytes.count == 6, let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return false }
        let zone = Array(bytes.dropFirst())
        guard digits(zone[...], at: [0, 1, 3, 4]), zone[2] == UInt8(ascii: ":"),
              let hours = number(zone[0..<2]), let minutes = number(zone[3..<5]) else { return false }
        return hours <= 14 && minutes <= 59
    }

    private static func digits(_ bytes: ArraySlice<UInt8>, at offsets: [Int]) -> Bool {
        offsets.allSatisfy { isDigit(bytes[bytes.startIndex + $0]) }
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
