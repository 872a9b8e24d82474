import Foundation

/// Amounts of a camt.053 document (`<Amt Ccy="EUR">8.85</Amt>`) as integer minor units.
enum Camt053Money {

    /// Digits after the decimal point in `currency`'s minor unit (2 for CNY: fen).
    static func exponent(of currency: String) -> Int {
        CurrencyMinorUnit.exponent(of: currency)
    }

    /// Whether `code` looks like an ISO 4217 alphabetic code.
    static func isCurrencyCode(_ code: String) -> Bool {
        CurrencyMinorUnit.isCurrencyCode(code)
    }

    enum Failure: Error, Equatable {
        case notADecimal
        case tooManyDecimals(Int)
        case tooLarge
    }

    /// `text` (an unsigned XML decimal: `8.85`, `2700`, `18.150`) in minor units of a currency
    /// with `exponent` decimals.
    ///
    /// More decimals than the currency has are accepted only when the extra digits are zeros
    /// (`18.150` EUR is 1815 cents); anything else cannot be booked in minor units and fails
    /// rather than being rounded.
    static func minorUnits(_ text: String, exponent: Int) -> Result<Int64, Failure> {
        let bytes = Array(text.utf8)
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") { index += 1 }
        while index < bytes.count, isDigit(bytes[index]) { integerDigits.append(bytes[index]); index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { fractionDigits.append(bytes[index]); index += 1 }
        }
        guard index == bytes.count, !(integerDigits.isEmpty && fractionDigits.isEmpty) else { return .failure(.notADecimal) }
        if fractionDigits.count > exponent {
            guard fractionDigits[exponent...].allSatisfy({ $0 == UInt8(ascii: "0") }) else {
                return .failure(.tooManyDecimals(fractionDigits.count))
            }
            fractionDigits.removeLast(fractionDigits.count - exponent)
        }
        while fractionDigits.count < exponent { fractionDigits.append(UInt8(ascii: "0")) }
        var value: Int64 = 0
        for digit in integerDigits + fractionDigits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return .failure(.tooLarge) }
            value = added
        }
        return .success(value)
    }

    /// `minor` written with `exponent` decimals (`-700`, 2 → `-7.00`), for messages.
    static func format(_ minor: Int64, exponent: Int) -> String {
        let sign = minor < 0 ? "-" : ""
        let digits = String(minor.magnitude)
        guard exponent > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        return sign + padded.dropLast(exponent) + "." + padded.suffix(exponent)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
