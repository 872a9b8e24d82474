import Foundation
import VillageWatchCore

/// A balance field: `:60F:`/`:60M:` opening, `:62F:`/`:62M:` closing, `:64:` closing available,
/// `:65:` forward available. `C160229EUR1200,00`: credit/debit mark, date, currency, amount.
struct MT940Balance: Sendable, Equatable {
    var tag: String
    var line: Int
    var isCredit: Bool
    var date: CalendarDate
    /// As written; `nil` when the bank left the currency out (the `raphaelm` sample writes
    /// `:62M:C020315105000,00`), and the statement's currency applies.
    var currency: String?
    var amountText: String
    /// Signed minor units, set by `resolve(currency:file:)` once the statement's currency is known.
    var amountMinor: Int64 = 0

    /// `:60M:`/`:62M:`: an intermediate balance of a statement continued over several messages.
    var isIntermediate: Bool { tag.hasSuffix("M") }

    static func parse(_ field: MT940Field, file: String) throws(StatementParseError) -> MT940Balance {
        let text = field.firstLine
        guard let mark = text.first, mark == "C" || mark == "D" else {
            throw field.error("balance '\(text)' does not start with C (credit) or D (debit)", file: file)
        }
        let dateText = text.dropFirst().prefix(6)
        guard let date = MT940Date.date(dateText) else {
            throw field.error("balance date '\(dateText)' is not a date (YYMMDD)", file: file)
        }
        var rest = text.dropFirst(7)
        var currency: String?
        if let first = rest.first, !(first.isASCII && first.isNumber) {
            let code = rest.prefix(3)
            guard MT940Amount.isCurrencyCode(code) else {
                throw field.error("balance currency '\(code)' is not an ISO 4217 code", file: file)
            }
            currency = String(code)
            rest = rest.dropFirst(3)
        }
        guard !rest.isEmpty else { throw field.error("balance '\(text)' has no amount: truncated field", file: file) }
        return MT940Balance(tag: field.tag, line: field.line, isCredit: mark == "C", date: date, currency: currency,
                            amountText: String(rest))
    }

    /// Converts the amount with `currency`'s exponent (this balance's own currency when it has one).
    mutating func resolve(currency statementCurrency: String, file: String) throws(StatementParseError) {
        let code = currency ?? statementCurrency
        switch MT940Amount.minorUnits(amountText, exponent: MT940Amount.exponent(of: code), currency: code) {
        case .success(let minor): amountMinor = isCredit ? minor : -minor
        case .failure(let failure): throw StatementParseError(file: file, line: line, field: ":\(tag):", reason: failure.reason)
        }
    }

    /// `C 3236.28 EUR on 2011-05-22`, for messages.
    func describe(currency statementCurrency: String) -> String {
        MT940Amount.format(amountMinor, currency: currency ?? statementCurrency) + " on \(date)"
    }
}
