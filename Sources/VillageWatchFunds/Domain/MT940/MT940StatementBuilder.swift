import Foundation

/// Groups the fields of an MT940/MT942 file into statements.
///
/// - `:20:` starts a statement; so does the end of a message (`-`), and a field that identifies
///   or opens a statement (`:21:`, `:25:`, `:28C:`, `:60F:`/`:60M:`) when the current one already
///   has balances or entries (upstream's `amount_formats` sample is six `:60F:` lines, no `:20:`).
///   Fields before any `:20:` start a statement of their own.
/// - `:86:` right after a `:61:` (or after another such `:86:`: Rabobank writes several) belongs
///   to that entry; anywhere else it is information for the whole statement and not an entry's
///   (ING's `:86:` after `:62F:` with the statement's debit and credit totals).
/// - `:NS:` (non-SWIFT) and unknown tags are skipped.
enum MT940StatementBuilder {
    static func statements(_ tokens: [MT940Token], file: String) throws(StatementParseError) -> [MT940Statement] {
        var result: [MT940Statement] = []
        var current: MT940Statement?
        var entryOpen = false

        func finish() {
            if let statement = current { result.append(statement) }
            current = nil
            entryOpen = false
        }

        /// The statement `field` belongs to; a new one when `opensStatement` and the current one is already under way.
        func statement(for field: MT940Field, opensStatement: Bool = false) -> MT940Statement {
            if opensStatement, current?.hasBalancesOrEntries == true { finish() }
            return current ?? MT940Statement(line: field.line)
        }

        for token in tokens {
            guard case .field(let field) = token else {
                finish()
                continue
            }
            switch field.tag {
            case "20":
                finish()
                current = MT940Statement(line: field.line)
                current?.transactionReference = field.firstLine
            case "21":
                current = statement(for: field, opensStatement: true)
                current?.relatedReference = field.firstLine
            case "25", "25P":
                current = statement(for: field, opensStatement: true)
                current?.account = field.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            case "28", "28C":
                current = statement(for: field, opensStatement: true)
                current?.statementNumber = field.firstLine
            case "60F", "60M":
                let balance = try MT940Balance.parse(field, file: file)
                current = statement(for: field, opensStatement: true)
                current?.opening = balance
            case "61":
                let entry = try MT940Entry.parse(field, file: file)
                current = statement(for: field)
                if let closing = current?.closing {
                    throw field.error("statement line after the closing balance :\(closing.tag): at line \(closing.line) "
                                          + "(a new statement must start with :20:)", file: file)
                }
                current?.entries.append(entry)
                entryOpen = true
            case "86":
                var lines = field.lines
                lines[0] = String(lines[0].drop { $0 == " " || $0 == "\t" })  // `:86: RC AFREKENING`
                if entryOpen, let last = current?.entries.indices.last {
                    current?.entries[last].information += lines
                } else {
                    current = statement(for: field)
                    current?.information += lines
                }
            case "62F", "62M":
                let balance = try MT940Balance.parse(field, file: file)
                current = statement(for: field)
                if let closing = current?.closing {
                    throw field.error("second closing balance; the first is :\(closing.tag): at line \(closing.line)", file: file)
                }
                current?.closing = balance
            case "64":
                let balance = try MT940Balance.parse(field, file: file)
                current = statement(for: field)
                current?.closingAvailable = balance
            case "65":
                let balance = try MT940Balance.parse(field, file: file)
                current = statement(for: field)
                current?.forwardAvailable.append(balance)
            case "13", "13D":
                try checkDateTime(field, file: file)
                current = statement(for: field)
                current?.reportDateTime = field.firstLine
            case "34F":
                let currency = try floorLimitCurrency(field, file: file)
                var report = statement(for: field)
                report.floorLimitCurrency = report.floorLimitCurrency ?? currency
                current = report
            case "90D", "90C":
                let sum = try MT940EntrySum.parse(field, file: file)
                current = statement(for: field)
                current?.sums.append(sum)
            default:
                break  // :NS: and other non-SWIFT fields
            }
            if field.tag != "61", field.tag != "86" { entryOpen = false }
            current?.lastLine = field.lastLine
        }
        finish()
        for index in result.indices { try result[index].resolve(file: file) }
        return result
    }

    /// `:13D:1701191815+0100`: YYMMDDhhmm and the offset from UTC.
    private static func checkDateTime(_ field: MT940Field, file: String) throws(StatementParseError) {
        let text = field.firstLine
        let chars = Array(text)
        let digits = { (range: Range<Int>) in range.upperBound <= chars.count && chars[range].allSatisfy { $0.isASCII && $0.isNumber } }
        let valid = MT940Date.date(text.prefix(6)) != nil && digits(6..<10)
            && (chars.count == 10 || (chars.count == 15 && (chars[10] == "+" || chars[10] == "-") && digits(11..<15)))
        if !valid { throw field.error("'\(text)' is not a date and time (YYMMDDhhmm±hhmm)", file: file) }
    }

    /// `:34F:EURD0,00`: the currency of the floor limit, after checking the amount.
    private static func floorLimitCurrency(_ field: MT940Field, file: String) throws(StatementParseError) -> String {
        let text = field.firstLine
        let code = String(text.prefix(3))
        var amount = text.dropFirst(3)
        if amount.first == "D" || amount.first == "C" { amount = amount.dropFirst() }
        guard MT940Amount.isCurrencyCode(code) else {
            throw field.error("floor limit '\(text)' does not start with a currency code", file: file)
        }
        if case .failure(let failure) = MT940Amount.minorUnits(amount, exponent: MT940Amount.exponent(of: code), currency: code) {
            throw field.error(failure.reason, file: file)
        }
        return code
    }
}
