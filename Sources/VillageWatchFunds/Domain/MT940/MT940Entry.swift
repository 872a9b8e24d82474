import Foundation
import VillageWatchCore

/// One statement line, `:61:`, with the `:86:` information that follows it.
///
/// `:61:` is `6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]` and an optional second line `[34x]`: value
/// date, entry (booking) date without a year, mark (`C`, `D`, `RC` reversal of a credit, `RD`
/// reversal of a debit), the funds code (the third letter of the currency: `R` for EUR, `M` for
/// DEM, `N` for PLN), the amount with a decimal comma, the transaction type (`NTRF`, `FMSC`,
/// `S051`), the customer's reference, the bank's reference after `//`, supplementary details.
///
/// Tolerated as upstream does: the amount on the next line or after a blank (some savings
/// banks), an amount without a comma (Knab: `C500NTRF`), text after the 16-character customer
/// reference on the same line (Rabobank's classic layout puts the counterparty's name there);
/// it is read as supplementary details.
struct MT940Entry: Sendable, Equatable {
    var line: Int
    var valueDate: CalendarDate
    var entryDate: CalendarDate?
    /// `C`, `D`, `RC` or `RD`.
    var mark: String
    var fundsCode: Character?
    var amountText: String
    /// Signed minor units (money in positive), set by `resolve`.
    var amountMinor: Int64 = 0
    var typeCode: String
    var customerReference: String
    var bankReference: String?
    var supplementaryDetails: String
    /// The lines of the `:86:` field(s) after this entry, as written.
    var information: [String] = []
    /// What `:86:` says, set by `resolve`.
    var details = MT940Details()

    /// Credits and reversals of debits bring money in; debits and reversals of credits take it out.
    var isCredit: Bool { mark == "C" || mark == "RD" }

    /// The bank's reference when there is one, else the customer's; `NONREF` is no reference.
    /// A customer reference that only names where the reference is (Rabobank's `EREF`) is
    /// replaced by that reference from `:86:` (`/EREF/…`), or is no reference.
    var reference: String? {
        if let bank = bankReference, !bank.isEmpty, bank.uppercased() != "NONREF" { return bank }
        let customer = customerReference.uppercased()
        if MT940Details.referenceKeys.contains(customer) { return details.references[customer] }
        return customer.isEmpty || customer == "NONREF" ? nil : customerReference
    }

    static func parse(_ field: MT940Field, file: String) throws(StatementParseError) -> MT940Entry {
        var lines = field.lines.map(trimEnd).filter { !$0.isEmpty }
        if lines.isEmpty { throw field.error("empty statement line: truncated field", file: file) }
        lines[0] = String(lines[0].drop { $0 == " " || $0 == "\t" })
        var chars = Array(lines.removeFirst())
        var i = 0

        func rest(_ from: Int) -> String { String(chars[min(from, chars.count)...].prefix(24)) }
        func isDigit(_ at: Int) -> Bool { at < chars.count && chars[at].isASCII && chars[at].isNumber }

        guard chars.count >= 6, (0..<6).allSatisfy(isDigit) else {
            throw field.error("statement line '\(rest(0))' does not start with a value date (YYMMDD): truncated or malformed", file: file)
        }
        let valueText = String(chars[0..<6])
        guard let valueDate = MT940Date.date(valueText) else {
            throw field.error("value date '\(valueText)' is not a date (YYMMDD)", file: file)
        }
        i = 6
        var entryDate: CalendarDate?
        if (i..<i + 4).allSatisfy(isDigit) {
            let entryText = String(chars[i..<i + 4])
            guard let date = MT940Date.entryDate(entryText, near: valueDate) else {
                throw field.error("entry date '\(entryText)' is not a date (MMDD)", file: file)
            }
            entryDate = date
            i += 4
        }
        var mark = ""
        if i < chars.count, chars[i] == "R" { mark = "R"; i += 1 }
        guard i < chars.count, chars[i] == "C" || chars[i] == "D" else {
            throw field.error("expected the mark C, D, RC or RD at '\(rest(i - mark.count))'", file: file)
        }
        mark.append(chars[i])
        i += 1
        var fundsCode: Character?
        if i < chars.count, chars[i].isASCII, chars[i].isLetter { fundsCode = chars[i]; i += 1 }
        if i < chars.count, chars[i] == " " { i += 1 }
        if i == chars.count, !lines.isEmpty {
            chars += Array(lines.removeFirst().drop { $0 == " " })
        }

        let amountStart = i
        while i < chars.count, MT940Amount.isAmountCharacter(chars[i]) { i += 1 }
        // What the bank meant as the amount, for the message: up to the transaction type.
        var written = i
        while written < chars.count, !(chars[written].isASCII && chars[written].isUppercase) { written += 1 }
        let amountText = String(chars[amountStart..<i])
        let isType = i + 4 <= chars.count && chars[i].isASCII && chars[i].isUppercase
            && chars[i + 1..<i + 4].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        guard !amountText.isEmpty, written == i, amountText.first != ",", amountText.filter({ $0 == "," }).count <= 1 else {
            let shown = String(chars[amountStart..<max(written, amountStart)])
            throw field.error(shown.isEmpty ? "no amount after the mark \(mark) at '\(rest(amountStart))': truncated or malformed"
                                            : "amount '\(shown)' is not a SWIFT amount (digits with one decimal comma)", file: file)
        }
        guard isType else {
            throw field.error("amount \(amountText) is not followed by a transaction type (N, F or S and three characters) "
                                  + "at '\(rest(i))': truncated or malformed", file: file)
        }
        let typeCode = String(chars[i..<i + 4])
        i += 4

        let referenceStart = i
        func atSlashes(_ at: Int) -> Bool { at + 1 < chars.count && chars[at] == "/" && chars[at + 1] == "/" }
        while i < chars.count, i - referenceStart < 16, !atSlashes(i) { i += 1 }
        let customerReference = String(chars[referenceStart..<i]).trimmingCharacters(in: .whitespaces)
        var bankReference: String?
        if atSlashes(i) {
            i += 2
            let start = i
            while i < chars.count, i - start < 16 { i += 1 }
            bankReference = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
        }
        let supplementary = ([String(chars[i...])] + lines)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")

        return MT940Entry(line: field.line, valueDate: valueDate, entryDate: entryDate, mark: mark, fundsCode: fundsCode,
                          amountText: amountText, typeCode: typeCode, customerReference: customerReference,
                          bankReference: bankReference, supplementaryDetails: supplementary)
    }

    /// Converts the amount with the statement's currency and reads the `:86:` information.
    mutating func resolve(currency: String, file: String) throws(StatementParseError) {
        switch MT940Amount.minorUnits(amountText, exponent: MT940Amount.exponent(of: currency), currency: currency) {
        case .success(let minor): amountMinor = isCredit ? minor : -minor
        case .failure(let failure): throw StatementParseError(file: file, line: line, field: ":61:", reason: failure.reason)
        }
        details = MT940Details.read(information, supplementaryDetails: supplementaryDetails)
    }

    private static func trimEnd(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
