import Foundation
import VillageWatchCore

/// Reads the typed fields of a camt.053 document (signed amounts, dates) and builds errors that
/// name the file, the line and the element path.
struct Camt053FieldReader: Sendable {
    let fileName: String

    struct Amount: Sendable, Equatable {
        /// Signed: positive for CRDT, negative for DBIT.
        var minor: Int64
        var currency: String
        var isCredit: Bool
    }

    func error(at element: Camt053Element?, _ path: String, _ reason: String) -> StatementParseError {
        StatementParseError(file: fileName, line: element?.line, field: path, reason: reason)
    }

    /// The amount of `<Amt Ccy="…">` (at `path`) signed by its `<CdtDbtInd>` (CRDT or DBIT, at
    /// `indicatorPath`).
    ///
    /// `defaultCurrency` stands in for a missing `Ccy` attribute (the schema requires it, a few
    /// exports leave it out when it is the account's currency).
    func amount(_ amt: Camt053Element, path: String, indicator: Camt053Element?, indicatorPath: String,
                defaultCurrency: String?) throws(StatementParseError) -> Amount {
        guard let currency = amt.attributes["Ccy"].map({ $0.trimmingCharacters(in: .whitespaces) }) ?? defaultCurrency else {
            throw error(at: amt, path, "amount \"\(amt.text)\" has no Ccy attribute and the statement has no currency")
        }
        guard Camt053Money.isCurrencyCode(currency) else {
            throw error(at: amt, path + "/@Ccy", "\"\(currency)\" is not an ISO 4217 currency code")
        }
        let exponent = Camt053Money.exponent(of: currency)
        let magnitude: Int64
        switch Camt053Money.minorUnits(amt.text, exponent: exponent) {
        case .success(let value):
            magnitude = value
        case .failure(.notADecimal):
            throw error(at: amt, path, "\"\(amt.text)\" is not an amount (expected an unsigned decimal such as 1234.56)")
        case .failure(.tooManyDecimals(let count)):
            throw error(at: amt, path, "\"\(amt.text)\" has \(count) decimals with non-zero digits past the \(exponent) that \(currency) allows")
        case .failure(.tooLarge):
            throw error(at: amt, path, "\"\(amt.text)\" is too large")
        }
        switch indicator?.text {
        case "CRDT":
            return Amount(minor: magnitude, currency: currency, isCredit: true)
        case "DBIT":
            return Amount(minor: -magnitude, currency: currency, isCredit: false)
        case nil where magnitude == 0:
            return Amount(minor: 0, currency: currency, isCredit: true)
        case nil:
            throw error(at: amt, indicatorPath, "amount \(amt.text) \(currency) has no credit/debit indicator (<CdtDbtInd>CRDT or DBIT)")
        case let other?:
            throw error(at: indicator, indicatorPath, "\"\(other)\" is not a credit/debit indicator (expected CRDT or DBIT)")
        }
    }

    /// The date in a date-choice element (`<BookgDt>`, `<ValDt>`, a balance's `<Dt>`): its `<Dt>`
    /// or `<DtTm>` child. `nil` when `container` is absent or has neither.
    func date(in container: Camt053Element?, path: String) throws(StatementParseError) -> CalendarDate? {
        guard let container else { return nil }
        if let dt = container.child("Dt"), !dt.text.isEmpty {
            guard let date = Camt053Dates.date(dt.text) else {
                throw error(at: dt, path + "/Dt", "\"\(dt.text)\" is not a date (expected YYYY-MM-DD)")
            }
            return date
        }
        if let dtTm = container.child("DtTm"), !dtTm.text.isEmpty {
            guard let date = Camt053Dates.dateTime(dtTm.text) else {
                throw error(at: dtTm, path + "/DtTm", "\"\(dtTm.text)\" is not a date-time (expected YYYY-MM-DDThh:mm:ss with an optional offset)")
            }
            return date
        }
        return nil
    }
}
