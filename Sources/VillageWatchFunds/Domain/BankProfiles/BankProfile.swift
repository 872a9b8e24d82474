import Foundation
import VillageWatchCore

/// How to read one bank's CSV or XLSX statement export: where the header row is, which column
/// holds what, how dates and amounts are written. Profiles are JSON files (`docs/bank-profiles.md`
/// documents every key); the built-in ones ship in `Profiles/`, and a user adds one without
/// recompiling by dropping a file into the profiles directory (see `BankProfileCatalog`).
///
/// Column names are compared with all whitespace removed, so `日志号` matches a header cell
/// `日 志 号` and padded cells like `交易时间            `.
///
/// The amount is given in exactly one of three ways:
/// - `signedAmount`: one column, positive = money in (or, with `outflowPositive`, positive = money
///   out, as credit-card bills list spending);
/// - `credit` and `debit`: money in and money out in two columns (存入/支出, 收入/支出,
///   贷方发生额/借方发生额); the amount is credit − debit, so a red-ink reversal (a negative debit) is
///   money in;
/// - `amount` with `direction`: an unsigned amount and a column saying in or out (借/贷, 收/支, 存/取).
public struct BankProfile: Codable, Sendable, Equatable {
    /// Unique key, e.g. `rcb-corporate`; a user profile with the same name replaces a built-in one.
    public var name: String
    /// What people see, in Chinese, e.g. `农商银行对公账户流水`.
    public var displayName: String
    /// The format the bank exports. The reader looks at the bytes, so the same layout saved the other
    /// way (an XLSX re-saved as CSV in WPS) reads too.
    public var format: Format
    /// `utf-8` or `gb18030` (`gbk` and `gb2312` mean GB18030 too); nil = detect. CSV only.
    public var encoding: String?
    /// Column names that together identify the header row; everything above it is the preamble.
    public var headerMarkers: [String]
    /// Where the account number comes from; nil = unknown (an empty account).
    public var account: AccountSource?
    /// The currency of amounts; nil = `CNY`. A currency code in the amount cell (`CNY 123.18`) wins.
    public var currency: CurrencySource?

    /// The booking date (记账日期), or the only date of the export. Required.
    public var bookedOn: ColumnSpec
    /// A time column (`HH:mm:ss`, `HHmmss`), used only to put same-day entries in order.
    public var bookedTime: ColumnSpec?
    /// The transaction or value date (交易日), where the export distinguishes it from the booking date.
    public var valueOn: ColumnSpec?

    public var signedAmount: ColumnSpec?
    /// With `signedAmount`: positive numbers are money out (credit-card bills). Default false.
    public var outflowPositive: Bool?
    public var credit: ColumnSpec?
    public var debit: ColumnSpec?
    public var amount: ColumnSpec?
    public var direction: DirectionSpec?
    /// Rules that set the direction of matching rows, tried in order before `direction`
    /// (e.g. Alipay's 不计收支 refunds are money in). Only with `amount` + `direction`.
    public var directionRules: [RowRule]?

    /// The running balance after each entry. When mapped, a statement's opening balance is the
    /// first entry's balance minus its amount and its closing balance the last entry's balance.
    public var balance: ColumnSpec?
    public var counterpartyName: ColumnSpec?
    public var counterpartyAccount: ColumnSpec?
    /// The bank's serial number of the entry (交易流水号), what import idempotence keys on.
    public var reference: ColumnSpec?
    public var description: ColumnSpec?

    /// Date patterns tried in order (`yyyy-MM-dd`, `yyyy/M/d`, `yyyyMMdd`, `MM/dd`, `yyyy年M月d日`,
    /// optionally followed by a time `HH:mm:ss`); nil = `BankDatePattern.defaultDatePatterns`.
    public var dateFormats: [String]?
    /// Patterns for `bookedTime`; nil = `HH:mm:ss`, `HH:mm`, `HHmmss`.
    public var timeFormats: [String]?
    /// Where the year of dates written without one (`MM/dd`) comes from.
    public var yearFrom: YearSource?

    /// A row whose first non-empty cell contains one of these ends the table; nil = `合计`, `总计`.
    public var footerMarkers: [String]?
    /// Rows to leave out (e.g. Alipay's closed trades, which moved no money).
    public var skipRows: [RowRule]?
    /// Whether a row with no amount at all is skipped rather than an error; nil = true.
    public var skipEmptyAmount: Bool?
    /// Cell values that mean "nothing" in mapped columns, besides the empty string and cells made only
    /// of `-`; nil = `--`, `/`, `—`, `null`.
    public var emptyValues: [String]?
    /// Extra currency names, e.g. `{"人民币元": "CNY"}`, on top of `BankCurrencyNames`.
    public var currencyAliases: [String: String]?

    public init(name: String, displayName: String, format: Format = .csv, encoding: String? = nil, headerMarkers: [String],
                account: AccountSource? = nil, currency: CurrencySource? = nil, bookedOn: ColumnSpec) {
        self.name = name
        self.displayName = displayName
        self.format = format
        self.encoding = encoding
        self.headerMarkers = headerMarkers
        self.account = account
        self.currency = currency
        self.bookedOn = bookedOn
    }

    /// Every key a profile file may contain (unknown keys are refused, so a typo does not pass silently).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, displayName, format, encoding, headerMarkers, account, currency
        case bookedOn, bookedTime, valueOn
        case signedAmount, outflowPositive, credit, debit, amount, direction, directionRules
        case balance, counterpartyName, counterpartyAccount, reference, description
        case dateFormats, timeFormats, yearFrom
        case footerMarkers, skipRows, skipEmptyAmount, emptyValues, currencyAliases
    }

    // MARK: - Resolved settings

    /// The encoding the profile forces, if any.
    public var textEncoding: TextEncoding? { encoding.flatMap(TextEncoding.init(name:)) }

    var effectiveDateFormats: [String] { dateFormats ?? BankDatePattern.defaultDatePatterns }
    var effectiveTimeFormats: [String] { timeFormats ?? BankDatePattern.defaultTimePatterns }
    var effectiveFooterMarkers: [String] { footerMarkers ?? ["合计", "总计"] }
    var effectiveEmptyValues: Set<String> { Set(emptyValues ?? ["--", "/", "—", "null", "NULL"]) }

    /// Header names compare without any whitespace.
    static func normalizedName(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    // MARK: - Reading profile files

    /// Decodes and validates one profile file. Unknown keys are refused, at any depth, so that a typo
    /// (`bookedon`) is reported instead of silently ignored.
    public static func decode(_ data: Data, file: String) throws(StatementParseError) -> BankProfile {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw StatementParseError(file: file, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard json is [String: Any] else { throw StatementParseError(file: file, reason: "a profile is a JSON object") }
        if let unknown = unknownKeys(in: json).first {
            throw StatementParseError(file: file, field: unknown, reason: "unknown key (see docs/bank-profiles.md)")
        }
        let profile: BankProfile
        do {
            profile = try JSONDecoder().decode(BankProfile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw StatementParseError(file: file, field: path(context.codingPath + [key]), reason: "missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw StatementParseError(file: file, field: path(context.codingPath), reason: "wrong type: \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw StatementParseError(file: file, field: path(context.codingPath), reason: "must not be null")
        } catch let DecodingError.dataCorrupted(context) {
            throw StatementParseError(file: file, field: path(context.codingPath), reason: context.debugDescription)
        } catch {
            throw StatementParseError(file: file, reason: "\(error)")
        }
        if let (key, reason) = profile.problem() { throw StatementParseError(file: file, field: key, reason: reason) }
        return profile
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// Dotted paths of keys the profile format does not know.
    static func unknownKeys(in json: Any) -> [String] {
        let columnSpecKeys: Set<String> = ["columns", "combine", "separator"]
        let conditionKeys: Set<String> = ["column", "equals", "prefix", "contains", "matches", "empty"]
        let nested: [String: Set<String>] = [
            "account": ["column", "preamble", "fileName", "fixed"],
            "currency": ["column", "fixed"],
            "direction": ["column", "in", "out", "match", "otherwise"],
            "yearFrom": ["column", "preamble", "fileName"],
        ]
        let specKeys: Set<String> = [
            "bookedOn", "bookedTime", "valueOn", "signedAmount", "credit", "debit", "amount", "balance",
            "counterpartyName", "counterpartyAccount", "reference", "description",
        ]
        guard let object = json as? [String: Any] else { return [] }
        var unknown: [String] = []
        let topLevel = Set(CodingKeys.allCases.map(\.rawValue))
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard topLevel.contains(key) else { unknown.append(key); continue }
            if let allowed = nested[key], let inner = value as? [String: Any] {
                unknown += inner.keys.filter { !allowed.contains($0) }.sorted().map { "\(key).\($0)" }
            } else if specKeys.contains(key), let inner = value as? [String: Any] {
                unknown += inner.keys.filter { !columnSpecKeys.contains($0) }.sorted().map { "\(key).\($0)" }
            } else if key == "skipRows" || key == "directionRules", let rules = value as? [Any] {
                for (index, rule) in rules.enumerated() {
                    guard let rule = rule as? [String: Any] else { continue }
                    unknown += rule.keys.filter { $0 != "when" && $0 != "direction" }.sorted().map { "\(key)[\(index)].\($0)" }
                    for (position, condition) in (rule["when"] as? [Any] ?? []).enumerated() {
                        guard let condition = condition as? [String: Any] else { continue }
                        unknown += condition.keys.filter { !conditionKeys.contains($0) }.sorted()
                            .map { "\(key)[\(index)].when[\(position)].\($0)" }
                    }
                }
            }
        }
        return unknown
    }

    // MARK: - Validation

    /// Checks what JSON decoding cannot: one way of giving the amount, known encodings, valid patterns
    /// and regular expressions. Returns the first problem as `(key, reason)`.
    public func problem() -> (key: String, reason: String)? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return ("name", "must not be empty") }
        if headerMarkers.isEmpty { return ("headerMarkers", "needs at least one column name") }
        if let encoding, TextEncoding(name: encoding) == nil {
            return ("encoding", "'\(encoding)' is not utf-8, gb18030, gbk or gb2312")
        }
        let shapes = [signedAmount != nil, credit != nil || debit != nil, amount != nil].filter { $0 }.count
        if shapes != 1 {
            return ("signedAmount", "give the amount in exactly one way: signedAmount, credit + debit, or amount + direction")
        }
        if (credit == nil) != (debit == nil) { return (credit == nil ? "credit" : "debit", "credit and debit go together") }
        if amount != nil, direction == nil { return ("direction", "amount needs a direction") }
        if direction != nil, amount == nil { return ("amount", "direction needs amount") }
        if outflowPositive != nil, signedAmount == nil { return ("outflowPositive", "only applies to signedAmount") }
        if directionRules != nil, direction == nil { return ("directionRules", "only apply with amount + direction") }
        if let direction, direction.in.isEmpty || direction.out.isEmpty {
            return ("direction", "needs values for both in and out")
        }
        if let rules = directionRules, rules.contains(where: { $0.direction == nil }) {
            return ("directionRules", "every rule needs a direction (in or out)")
        }
        for (key, patterns) in [("dateFormats", effectiveDateFormats), ("timeFormats", effectiveTimeFormats)] {
            if patterns.isEmpty { return (key, "needs at least one pattern") }
            for pattern in patterns where BankDatePattern(pattern) == nil {
                return (key, "'\(pattern)' is not a date pattern (use yyyy, MM, M, dd, d, HH, H, mm, ss and literal characters)")
            }
        }
        if effectiveDateFormats.compactMap(BankDatePattern.init).contains(where: { !$0.hasYear }), yearFrom == nil {
            return ("yearFrom", "date patterns without a year need yearFrom")
        }
        for (key, regex) in [("account.preamble", account?.preamble), ("account.fileName", account?.fileName),
                             ("yearFrom.preamble", yearFrom?.preamble), ("yearFrom.fileName", yearFrom?.fileName)] {
            if let regex, (try? NSRegularExpression(pattern: regex)) == nil { return (key, "'\(regex)' is not a regular expression") }
        }
        let conditions = (skipRows ?? []).flatMap(\.when) + (directionRules ?? []).flatMap(\.when)
        for condition in conditions {
            if let problem = condition.problem() { return ("skipRows", problem) }
        }
        if let rules = skipRows, rules.contains(where: \.when.isEmpty) { return ("skipRows", "a rule needs at least one condition") }
        if let rules = directionRules, rules.contains(where: \.when.isEmpty) {
            return ("directionRules", "a rule needs at least one condition")
        }
        let specs: [(String, ColumnSpec?)] = [
            ("bookedOn", bookedOn), ("bookedTime", bookedTime), ("valueOn", valueOn), ("signedAmount", signedAmount),
            ("credit", credit), ("debit", debit), ("amount", amount), ("balance", balance), ("counterpartyName", counterpartyName),
            ("counterpartyAccount", counterpartyAccount), ("reference", reference), ("description", description),
        ]
        for case let (key, spec?) in specs where spec.columns.isEmpty { return (key, "names no column") }
        return nil
    }
}
