import Foundation

/// SWIFT amounts (`1213,28`, `6800,`, `0,4`) as integer minor units of their currency.
enum MT940Amount {

    /// Digits after the decimal comma in `currency`'s minor unit; 2 when the currency is unknown.
    static func exponent(of currency: String) -> Int {
        CurrencyMinorUnit.exponent(of: currency)
    }

    /// Whether `text` is three capital letters, as an ISO 4217 code is.
    static func isCurrencyCode(_ text: some StringProtocol) -> Bool {
        CurrencyMinorUnit.isCurrencyCode(text)
    }

    /// Whether `character` can be part of an amount: a digit or the decimal comma.
    static func isAmountCharacter(_ character: Character) -> Bool {
        character == "," || (character.isASCII && character.isNumber)
    }

    /// `text` (digits, at most one decimal comma: `1213,28`, `6800,`, `0,4`; a missing comma,
    /// as Knab writes `500`, means a whole amount) in minor units of a currency with `exponent`
    /// decimals, unsigned. More decimals than the currency has are accepted only when the extra
    /// digits are zeros; anything else cannot be booked in minor units and is refused rather
    /// than rounded. Returns the reason when the text is not such an amount.
    static func minorUnits(_ text: some StringProtocol, exponent: Int, currency: String) -> Result<Int64, AmountError> {
        let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              text.allSatisfy(isAmountCharacter) else {
            return .failure(AmountError(reason: "amount '\(text)' is not a SWIFT amount (digits with one decimal comma)"))
        }
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        if fraction.count > exponent {
            guard fraction[exponent...].allSatisfy({ $0 == "0" }) else {
                let name = currency.isEmpty ? "the currency" : currency
                return .failure(AmountError(reason: "amount '\(text)' has \(fraction.count) decimals, more than \(name)'s \(exponent)"))
            }
            fraction.removeLast(fraction.count - exponent)
        }
        fraction += Array(repeating: "0", count: exponent - fraction.count)
        var value: Int64 = 0
        for digit in Array(whole) + fraction {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int64(digit.wholeNumberValue ?? 0))
            guard !overflow1, !overflow2 else { return .failure(AmountError(reason: "amount '\(text)' is too large")) }
            value = added
        }
        return .success(value)
    }

    /// `minor` written with `exponent` decimals and the currency (`-32144`, 2, EUR → `-321.44 EUR`), for messages.
    static func format(_ minor: Int64, currency: String) -> String {
        let exponent = exponent(of: currency)
        let sign = minor < 0 ? "-" : ""
        let digits = String(minor.magnitude)
        var number = sign + digits
        if exponent > 0 {
            let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
            number = sign + padded.dropLast(exponent) + "." + padded.suffix(exponent)
        }
        return currency.isEmpty ? number : number + " " + currency
    }

    struct AmountError: Error, Sendable, Equatable {
        var reason: String
    }
}
