import Foundation

/// MT942's `:90D:` (debits) or `:90C:` (credits): the number of entries and their sum,
/// `1EUR2,30`.
struct MT940EntrySum: Sendable, Equatable {
    var tag: String
    var line: Int
    var count: Int
    var currency: String
    var amountMinor: Int64

    var isDebit: Bool { tag == "90D" }

    static func parse(_ field: MT940Field, file: String) throws(StatementParseError) -> MT940EntrySum {
        let text = field.firstLine
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let code = text.dropFirst(digits.count).prefix(3)
        guard !digits.isEmpty, digits.count <= 5, let count = Int(digits), MT940Amount.isCurrencyCode(code) else {
            throw field.error("'\(text)' is not a number of entries, a currency and an amount (e.g. 3EUR12,50)", file: file)
        }
        let amountText = text.dropFirst(digits.count + 3)
        let currency = String(code)
        switch MT940Amount.minorUnits(amountText, exponent: MT940Amount.exponent(of: currency), currency: currency) {
        case .success(let minor):
            return MT940EntrySum(tag: field.tag, line: field.line, count: count, currency: currency, amountMinor: minor)
        case .failure(let failure):
            throw field.error(failure.reason, file: file)
        }
    }
}
