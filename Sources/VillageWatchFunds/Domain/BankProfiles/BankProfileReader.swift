import Foundation
import VillageWatchCore

/// Reads a Chinese bank's CSV or XLSX statement export through a `BankProfile`. Pure: bytes in,
/// statements out, no I/O.
///
/// - The header row is the first row holding all of the profile's `headerMarkers`; the rows above
///   it are the preamble (where the account number or the statement month may be written).
/// - After the header: blank rows, repeated headers and rows matching `skipRows` are skipped, a
///   total line (`footerMarkers`, default 合计/总计) ends the table, and a row without any amount is
///   skipped (unless `skipEmptyAmount` is false).
/// - One statement per account, in the order the accounts first appear. Transactions are returned
///   oldest first: an export listed newest first is reversed, one in mixed order is sorted stably by
///   date (and time, where the export has it).
/// - Balances only when the profile maps `balance`: opening = the first transaction's balance minus
///   its amount, closing = the last transaction's balance, dated with their booking dates.
///
/// Errors name the file, the line (CSV) or row number (XLSX), and the column.
public enum BankProfileReader {
    public static func parse(_ data: Data, fileName: String, profile: BankProfile) throws(StatementParseError) -> [ParsedStatement] {
        if let (key, reason) = profile.problem() {
            throw StatementParseError(file: fileName, field: "profile \(profile.name): \(key)", reason: reason)
        }
        let table = try BankProfileTable.load(data, fileName: fileName, encoding: profile.textEncoding)
        guard let headerIndex = table.headerIndex(markers: profile.headerMarkers) else {
            var reason = "no header row: no row has all of " + profile.headerMarkers.joined(separator: ", ")
                + " (is this a \(profile.displayName) export?"
            if let encoding = table.encoding { reason += " It was read as \(encoding.rawValue); is that its encoding?" }
            throw StatementParseError(file: fileName, reason: reason + ")")
        }
        let layout = try BankProfileLayout(profile: profile, header: table.rows[headerIndex], fileName: fileName)
        let preamble = table.rows[..<headerIndex].map { $0.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ",") }
        let context = Context(
            layout: layout, isXLSX: table.isXLSX,
            account: statementAccount(profile.account, preamble: preamble, fileName: fileName),
            period: statementPeriod(profile.yearFrom, preamble: preamble, fileName: fileName),
            datePatterns: profile.effectiveDateFormats.compactMap(BankDatePattern.init),
            timePatterns: profile.effectiveTimeFormats.compactMap(BankDatePattern.init),
            aliases: profile.currencyAliases ?? [:])

        var entries: [Entry] = []
        for row in table.rows[(headerIndex + 1)...] {
            if layout.isBlank(row) || layout.isRepeatedHeader(row) { continue }
            if layout.isFooter(row) { break }
            if layout.skipRules.contains(where: { layout.holds($0, for: row) }) { continue }
            if let entry = try context.entry(row) { entries.append(entry) }
        }
        return statements(entries, context: context)
    }

    // MARK: - Statements

    struct Entry {
        var account: String
        var transaction: ParsedTransaction
        /// Seconds after midnight, where the export gives a time.
        var seconds: Int?
        var balance: Int64?

        func isBefore(_ other: Entry) -> Bool {
            let a = transaction.bookedOn, b = other.transaction.bookedOn
            if a != b { return a < b }
            if let s = seconds, let t = other.seconds { return s < t }
            return false
        }
    }

    static func statements(_ entries: [Entry], context: Context) -> [ParsedStatement] {
        var accounts: [String] = []
        var byAccount: [String: [Entry]] = [:]
        for entry in entries {
            if byAccount[entry.account] == nil { accounts.append(entry.account) }
            byAccount[entry.account, default: []].append(entry)
        }
        if accounts.isEmpty, !context.account.isEmpty {
            return [ParsedStatement(account: context.account, currency: context.defaultCurrency)]
        }
        return accounts.map { account in
            let ordered = chronological(byAccount[account] ?? [])
            var statement = ParsedStatement(account: account, currency: mostCommonCurrency(ordered) ?? context.defaultCurrency,
                                            transactions: ordered.map(\.transaction))
            if context.layout.balance != nil, let first = ordered.first, let last = ordered.last {
                if let balance = first.balance {
                    statement.openingBalance = ParsedBalance(amountMinor: balance - first.transaction.amountMinor, date: first.transaction.bookedOn)
                }
                if let balance = last.balance {
                    statement.closingBalance = ParsedBalance(amountMinor: balance, date: last.transaction.bookedOn)
                }
            }
            return statement
        }
    }

    /// Oldest first: reversed when the export runs mostly newest first, then sorted stably if needed.
    static func chronological(_ entries: [Entry]) -> [Entry] {
        var backwards = 0, forwards = 0
        for (a, b) in zip(entries, entries.dropFirst()) {
            if b.isBefore(a) { backwards += 1 } else if a.isBefore(b) { forwards += 1 }
        }
        var ordered = backwards > forwards ? Array(entries.reversed()) : entries
        if zip(ordered, ordered.dropFirst()).contains(where: { $1.isBefore($0) }) {
            ordered = ordered.enumerated().sorted { a, b in
                if a.element.isBefore(b.element) { return true }
                if b.element.isBefore(a.element) { return false }
                return a.offset < b.offset
            }.map(\.element)
        }
        return ordered
    }

    static func mostCommonCurrency(_ entries: [Entry]) -> String? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for entry in entries {
            if counts[entry.transaction.currency] == nil { order.append(entry.transaction.currency) }
            counts[entry.transaction.currency, default: 0] += 1
        }
        // max(by:) keeps the first of equals: ties go to the currency seen first.
        return order.max { counts[$0, default: 0] < counts[$1, default: 0] }
    }

    // MARK: - Preamble

    /// The account from the preamble, the file name or the fixed value ("" if none gives one).
    static func statementAccount(_ source: BankProfile.AccountSource?, preamble: [String], fileName: String) -> String {
        guard let source else { return "" }
        if let regex = source.preamble {
            for line in preamble {
                if let value = captures(regex, in: line).first, !value.isEmpty { return value }
            }
        }
        if let regex = source.fileName, let value = captures(regex, in: fileName).first, !value.isEmpty { return value }
        return source.fixed ?? ""
    }

    struct Period {
        var year: Int
        var month: Int?
    }

    static func statementPeriod(_ source: BankProfile.YearSource?, preamble: [String], fileName: String) -> Period? {
        guard let source else { return nil }
        func period(_ groups: [String]) -> Period? {
            guard let year = groups.first.flatMap({ Int($0) }) else { return nil }
            return Period(year: year, month: groups.count > 1 ? Int(groups[1]) : nil)
        }
        if let regex = source.preamble {
            for line in preamble {
                if let found = period(captures(regex, in: line)) { return found }
            }
        }
        if let regex = source.fileName, let found = period(captures(regex, in: fileName)) { return found }
        return nil
    }

    /// The capture groups of the first match (the whole match if the expression has no group).
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return [] }
        if match.numberOfRanges == 1 {
            return Range(match.range, in: text).map { [String(text[$0])] } ?? []
        }
        return (1..<match.numberOfRanges).map { i in
            Range(match.range(at: i), in: text).map { String(text[$0]).trimmingCharacters(in: .whitespaces) } ?? ""
        }
    }

    // MARK: - Rows

    struct Context {
        let layout: BankProfileLayout
        let isXLSX: Bool
        let account: String
        let period: Period?
        let datePatterns: [BankDatePattern]
        let timePatterns: [BankDatePattern]
        let aliases: [String: String]

        var profile: BankProfile { layout.profile }
        var defaultCurrency: String { profile.currency?.fixed.map { $0.uppercased() } ?? "CNY" }

        func fail(_ row: CSVRecord, _ column: String, _ reason: String) -> StatementParseError {
            StatementParseError(file: layout.fileName, line: row.line, field: column, reason: reason)
        }

        /// The transaction of one data row; nil if it is skipped (no amount, or a direction to skip).
        func entry(_ row: CSVRecord) throws(StatementParseError) -> Entry? {
            guard let money = try amount(row) else { return nil }

            guard let (bookedOn, dateSeconds) = try date(row, layout.bookedOn) else {
                throw fail(row, layout.bookedOn.name, "no date")
            }
            var seconds = dateSeconds
            if let spec = layout.bookedTime, let text = layout.value(row, spec) {
                guard let time = timePatterns.lazy.compactMap({ $0.read(text) }).first?.seconds else {
                    throw fail(row, spec.name, "'\(text)' is not a time (\(profile.effectiveTimeFormats.joined(separator: ", ")))")
                }
                seconds = time
            }
            let valueOn = try layout.valueOn.flatMap { spec throws(StatementParseError) in try date(row, spec)?.date }

            var currency = money.currency
            if currency == nil, let column = layout.currencyColumn, let text = layout.value(row, column.index) {
                guard let code = BankCurrencyNames.code(for: text, aliases: aliases) else {
                    throw fail(row, column.name, "unknown currency '\(text)' (add it to the profile's currencyAliases)")
                }
                currency = code
            }

            var balance: Int64?
            if let spec = layout.balance, let text = layout.value(row, spec) {
                guard let reading = BankAmountText.read(text) else { throw fail(row, spec.name, "'\(text)' is not an amount") }
                balance = reading.minor
            }

            var account = account
            if let column = layout.accountColumn, let value = layout.value(row, column.index) { account = value }

            let transaction = ParsedTransaction(
                bookedOn: bookedOn, valueOn: valueOn, amountMinor: money.minor, currency: currency ?? defaultCurrency,
                counterpartyName: layout.value(row, layout.counterpartyName),
                counterpartyAccount: layout.value(row, layout.counterpartyAccount),
                reference: layout.value(row, layout.reference),
                description: layout.value(row, layout.description) ?? "")
            return Entry(account: account, transaction: transaction, seconds: seconds, balance: balance)
        }

        // MARK: Amounts

        /// The signed amount and any currency code written with it; nil if the row has no amount
        /// (and such rows are skipped) or its direction says to skip it.
        func amount(_ row: CSVRecord) throws(StatementParseError) -> BankAmountText.Reading? {
            func read(_ spec: BankProfileLayout.Spec?) throws(StatementParseError) -> BankAmountText.Reading? {
                guard let spec, let text = layout.value(row, spec) else { return nil }
                guard let reading = BankAmountText.read(text) else {
                    throw fail(row, spec.name, "'\(text)' is not an amount (yuan with at most 2 decimals)")
                }
                return reading
            }
            func missing() throws(StatementParseError) -> BankAmountText.Reading? {
                if profile.skipEmptyAmount ?? true { return nil }
                let name = (layout.signedAmount ?? layout.credit ?? layout.amount)?.name ?? "amount"
                throw fail(row, name, "no amount")
            }

            if layout.signedAmount != nil {
                guard var reading = try read(layout.signedAmount) else { return try missing() }
                if profile.outflowPositive == true { reading.minor = -reading.minor }
                return reading
            }
            if layout.credit != nil {
                let credit = try read(layout.credit), debit = try read(layout.debit)
                if credit == nil && debit == nil { return try missing() }
                return BankAmountText.Reading(minor: (credit?.minor ?? 0) - (debit?.minor ?? 0),
                                              currency: credit?.currency ?? debit?.currency)
            }
            guard var reading = try read(layout.amount) else { return try missing() }
            switch try direction(row) {
            case .some(true): break
            case .some(false): reading.minor = -reading.minor
            case .none: return nil
            }
            return reading
        }

        /// true = in, false = out, nil = skip the row.
        func direction(_ row: CSVRecord) throws(StatementParseError) -> Bool? {
            for rule in layout.directionRules where layout.holds(rule.conditions, for: row) {
                return rule.direction == .in
            }
            guard let spec = profile.direction, let column = layout.directionColumn else { return nil }
            let text = layout.cell(row, column.index)
            if let found = spec.classify(text) { return found }
            switch spec.otherwise ?? .error {
            case .in: return true
            case .out: return false
            case .skip: return nil
            case .error:
                throw fail(row, column.name, "'\(text)' is neither money in (\(spec.in.joined(separator: "/"))) nor out (\(spec.out.joined(separator: "/")))")
            }
        }

        // MARK: Dates

        /// The date of a column (and the time, when the cell has one); nil when the cell is empty.
        func date(_ row: CSVRecord, _ spec: BankProfileLayout.Spec) throws(StatementParseError) -> (date: CalendarDate, seconds: Int?)? {
            guard let text = layout.value(row, spec) else { return nil }
            var candidate = datePatterns.lazy.compactMap { pattern in pattern.read(text).map { (pattern, $0) } }.first
            if candidate == nil, isXLSX {
                // Date cells of a spreadsheet arrive as ISO text (date styles) or as bare serial numbers.
                let iso = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"].compactMap(BankDatePattern.init)
                candidate = iso.lazy.compactMap { pattern in pattern.read(text).map { (pattern, $0) } }.first
                if candidate == nil, let (date, seconds) = ExcelSerialDate.components(text) {
                    return (date, seconds == 0 ? nil : seconds)
                }
            }
            guard let (_, reading) = candidate, let month = reading.month, let day = reading.day else {
                throw fail(row, spec.name, "'\(text)' is not a date (\(profile.effectiveDateFormats.joined(separator: ", ")))")
            }
            var year = reading.year
            if year == nil { year = try self.year(row, month: month) }
            guard let year, let date = CalendarDate(year: year, month: month, day: day) else {
                throw fail(row, spec.name, "'\(text)' is not a valid date")
            }
            return (date, reading.seconds)
        }

        /// The year of a date written without one: from the year column, or the statement's period
        /// (the year before for a month later than the statement's month).
        func year(_ row: CSVRecord, month: Int) throws(StatementParseError) -> Int? {
            if let column = layout.yearColumn, let text = layout.value(row, column.index) {
                if text.count == 4, let year = Int(text) { return year }
                if let year = datePatterns.lazy.compactMap({ $0.read(text)?.year }).first { return year }
                throw fail(row, column.name, "'\(text)' is not a year")
            }
            guard let period else { return nil }
            if let statementMonth = period.month, month > statementMonth { return period.year - 1 }
            return period.year
        }
    }
}
