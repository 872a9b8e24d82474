import Foundation
import VillageWatchCore

/// Excel's date serial numbers: days (with the time of day as the fraction) since the epoch of the
/// workbook's date system. In the 1900 system (the default) serial 1 is 1900-01-01 and Excel counts a
/// 29 February 1900 that never was (serial 60), so from serial 61 on the epoch is 1899-12-30. In the
/// 1904 system (old Mac workbooks) serial 0 is 1904-01-01.
enum ExcelSerialDate {
    /// The date and the seconds after midnight of `serial` (a decimal number as written in the cell);
    /// nil for text that is not a number, a negative serial, the phantom 1900-02-29 or a date past 9999.
    static func components(_ serial: String, date1904: Bool = false) -> (date: CalendarDate, seconds: Int)? {
        guard let value = Decimal(string: serial.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX")),
              value >= 0, value < 2_958_466 else { return nil }
        var whole = Decimal()
        var source = value
        NSDecimalRound(&whole, &source, 0, .down)
        var days = NSDecimalNumber(decimal: whole).intValue
        // Seconds of the fraction, rounded to the nearest second.
        var secondsDecimal = (value - whole) * 86_400
        var rounded = Decimal()
        NSDecimalRound(&rounded, &secondsDecimal, 0, .plain)
        var seconds = NSDecimalNumber(decimal: rounded).intValue
        if seconds >= 86_400 {
            seconds -= 86_400
            days += 1
        }
        let daysSince1970: Int
        if date1904 {
            daysSince1970 = days - 24_107
        } else if days >= 61 {
            daysSince1970 = days - 25_569
        } else if days == 60 {
            return nil
        } else {
            daysSince1970 = days - 25_568   // serials 1…59: epoch 1899-12-31
        }
        return (CalendarDate(dayNumber: daysSince1970), seconds)
    }

    /// `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` when there is a time of day; `HH:mm:ss` alone with `timeOnly`.
    static func text(_ serial: String, date1904: Bool = false, timeOnly: Bool = false) -> String? {
        guard let (date, seconds) = components(serial, date1904: date1904) else { return nil }
        let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        if timeOnly { return time }
        return seconds == 0 ? date.description : "\(date.description) \(time)"
    }
}
