import Foundation
import Testing
import VillageWatchCore
@testable import VillageWatchFunds

/// Upstream's MT940/MT942 fixtures in `../shared/data/bank-statements/mt940` (see its SOURCE.md)
/// and the expected result beside each, `<name>.expected.json`, derived from upstream's `.yml`.
///
/// What the oracle is, and what follows from it:
/// - It is the Python `mt-940` library's parse of the whole file as one object: `transactions`
///   lists every entry of every statement in file order; `statement` holds the statement-level
///   fields merged over all statements, the last one winning per key. So the oracle has no
///   statement count (`statementCounts` below is read off the `.sta` files by hand), and each
///   of its balances is compared with the last statement that has a balance of that tag.
/// - The library checks no arithmetic, and most fixtures are hand-edited fragments: many do not
///   add up, one has no closing balance, one MT942 disagrees with its own `:90D:`, two have no
///   `:25:`. The default parse (`MT940Validation.lenient`) accepts them as the oracle does; the
///   strict parse an import uses must reject exactly those, with the line and field in `strictFailures`.
/// - Where the library's reading is a quirk, the test says so at the place it is handled.
enum MT940Fixtures {
    /// `shared/data/bank-statements/mt940`: under `VILLAGEWATCH_SHARED` when set, else
    /// `../shared` beside the repository.
    static let root: URL = {
        if let shared = ProcessInfo.processInfo.environment["VILLAGEWATCH_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("data/bank-statements/mt940").standardizedFileURL
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/bank-statements/mt940").standardizedFileURL
    }()

    /// Every `.sta` file below `root` (`jejik/ing.sta`), found recursively and sorted; when there
    /// is none, one placeholder, so that the parameterized test fails naming the directory.
    static let files: [String] = {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var found: [String] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "sta" {
                let path = url.standardizedFileURL.path
                found.append(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)
            }
        }
        return found.isEmpty ? [missing] : found.sorted()
    }()

    static let missing = "(no .sta files)"

    /// Statements per file, counted by hand in the `.sta` (the oracle cannot say).
    static let statementCounts: [String: Int] = [
        "betterplace/amount_formats.sta": 6,  // six :60F: lines, nothing else: six statements
        "betterplace/sepa_snippet.sta": 2,
        "cmxl/mt940.sta": 3,
        "cmxl/statement_details.sta": 1,  // a lone :61: and :86:
        "jejik/abnamro.sta": 2,
        "jejik/generic.sta": 2,
        "jejik/ing.sta": 1,
        "jejik/knab.sta": 2,
        "jejik/postfinance.sta": 2,
        "jejik/rabobank-iban.sta": 2,
        "jejik/rabobank.sta": 4,
        "mBank/mt940.sta": 1,
        "mBank/mt942.sta": 1,
        "self-provided/details_60-63.sta": 1,
        "self-provided/february_30.sta": 1,
        "self-provided/gv_codes.sta": 1,
        "self-provided/mt942.sta": 1,
        "self-provided/raiffeisen-cmi.sta": 1,
        "self-provided/raphaelm.sta": 3,
    ]

    /// Fixtures the strict parse refuses although the oracle accepts them: (line, field, words of the reason).
    static let strictFailures: [String: (line: Int, field: String, says: String)] = [
        "betterplace/amount_formats.sta": (1, ":25:", "no account identification"),
        "betterplace/sepa_snippet.sta": (55, ":62F:", "do not add up"),  // 2nd statement: 300.08 EUR missing
        "cmxl/statement_details.sta": (1, ":25:", "no account identification"),
        "jejik/abnamro.sta": (27, ":62F:", "do not add up"),
        "jejik/ing.sta": (26, ":62F:", "do not add up"),
        "jejik/knab.sta": (20, ":62F:", "do not add up"),
        "jejik/postfinance.sta": (27, ":62F:", "do not add up"),
        "jejik/rabobank.sta": (11, ":62F:", "do not add up"),
        "self-provided/details_60-63.sta": (12, ":62F:", "do not add up"),
        "self-provided/gv_codes.sta": (7, ":62F:", "truncated"),  // opening balance and entries, no closing balance
        "self-provided/mt942.sta": (11, ":90D:", "announces 1 debit entry totalling 2.30 EUR"),  // its one debit is 0.42
        "self-provided/raiffeisen-cmi.sta": (40, ":62F:", "do not add up"),
    ]

    /// `raphaelm.sta` writes `:62M:C020315105000,00` and `:62F:C02032495000,00` without a
    /// currency. Upstream reads the first three digits as the currency (`105`, `950`) and the
    /// rest as the amount (0.00); they are 105,000.00 and 95,000.00 DEM, which is what the
    /// opening balances plus the entries give (the strict parse accepts the file).
    static let balancesWithoutCurrency: [String: [String: Int64]] = [
        "self-provided/raphaelm.sta": ["intermediate_closing_balance": 10_500_000, "final_closing_balance": 9_500_000],
    ]

    /// Entries whose oracle text goes on past ours: ING writes a statement-level `:86:` after
    /// `:62F:` (`D000004C000002D25,24C28,71`, its debit/credit totals) and ends with `-XXX`;
    /// upstream appends both to the last entry's details. They belong to the statement, and
    /// `-` ends a message (SWIFT lines never start with `-`).
    static let descriptionsEndingEarly: Set<String> = ["jejik/ing.sta#6"]

    /// Every currency in the fixtures has 2 decimals.
    static let currencies: Set<String> = ["EUR", "DEM", "PLN", "CHF", "HUF"]

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// The expected result of one fixture, as plain JSON values.
struct MT940Oracle {
    let statement: [String: Any]
    let transactions: [[String: Any]]

    init(_ url: URL) throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        statement = json["statement"] as? [String: Any] ?? [:]
        transactions = json["transactions"] as? [[String: Any]] ?? []
    }

    /// `"-11.59"` → -1159 (2 decimals).
    static func minor(_ decimal: String) -> Int64? {
        var text = Substring(decimal)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2 else { return nil }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        guard let cents = Int64(fraction) else { return nil }
        return (whole * 100 + cents) * (negative ? -1 : 1)
    }

    static func date(_ value: Any?) -> CalendarDate? {
        (value as? String).flatMap(CalendarDate.init(parsing:))
    }

    /// `{"amount": "…", "currency": "EUR"}` → (minor units, currency).
    static func money(_ value: Any?) -> (minor: Int64?, currency: String?) {
        let amount = value as? [String: Any]
        return ((amount?["amount"] as? String).flatMap(minor), amount?["currency"] as? String)
    }
}

@Suite("MT940/MT942 parser")
struct MT940ParserTests {
    // MARK: - Every fixture against its oracle

    @Test("fixture matches upstream's expected result", arguments: MT940Fixtures.files)
    func fixtureMatchesOracle(_ file: String) throws {
        let url = MT940Fixtures.url(file)
        guard file != MT940Fixtures.missing, FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("MT940 fixtures not found in \(MT940Fixtures.root.path): put shared/ beside the repository or set VILLAGEWATCH_SHARED")
            return
        }
        let oracleURL = url.deletingPathExtension().appendingPathExtension("expected.json")
        guard FileManager.default.fileExists(atPath: oracleURL.path) else {
            Issue.record("no oracle for \(file): \(oracleURL.path) is missing")
            return
        }
        let oracle = try MT940Oracle(oracleURL)
        let data = try Data(contentsOf: url)

        let raw = try MT940Parser.statements(data, fileName: file, validation: .lenient)
        let statements = try MT940Parser.parse(data, fileName: file)
        #expect(statements == raw.map(\.parsed))

        // Statements and transactions.
        let expectedCount = try #require(MT940Fixtures.statementCounts[file], "\(file) is new: add its statement count to MT940Fixtures")
        #expect(statements.count == expectedCount, "statements in \(file)")
        let transactions = statements.flatMap(\.transactions)
        try #require(transactions.count == oracle.transactions.count,
                     "\(file): \(transactions.count) transactions, the oracle has \(oracle.transactions.count)")
        for (index, (got, want)) in zip(transactions, oracle.transactions).enumerated() {
            compare(got, with: want, at: "\(file)#\(index)")
        }

        compareStatementFields(raw, with: oracle.statement, file: file)

        // The strict parse accepts the fixture unchanged or fails as listed.
        do {
            let strict = try MT940Parser.parse(data, fileName: file, validation: .strict)
            #expect(MT940Fixtures.strictFailures[file] == nil, "\(file) was expected to fail the strict parse")
            #expect(strict == statements)
        } catch {
            guard let expected = MT940Fixtures.strictFailures[file] else {
                Issue.record("strict parse of \(file) failed: \(error)")
                return
            }
            #expect(error.file == file)
            #expect(error.line == expected.line, "\(error)")
            #expect(error.field == expected.field, "\(error)")
            #expect(error.reason.contains(expected.says), "\(error)")
            if expected.says == "do not add up" {
                // The message names both amounts: what the entries give and what the bank wrote.
                let statement = try #require(raw.first { $0.closing?.line == expected.line })
                let opening = try #require(statement.opening?.amountMinor), closing = try #require(statement.closing?.amountMinor)
                let computed = opening + statement.entries.reduce(0) { $0 + $1.amountMinor }
                #expect(computed != closing)
                #expect(error.reason.contains(text(computed, statement.currency)), "\(error)")
                #expect(error.reason.contains(text(closing, statement.currency)), "\(error)")
            }
        }
    }

    private func compare(_ got: ParsedTransaction, with want: [String: Any], at label: String) {
        let (amount, currency) = MT940Oracle.money(want["amount"])
        #expect(amount != nil, "\(label): oracle amount unreadable")
        #expect(got.amountMinor == amount, "\(label): amount")
        #expect(currency == nil || MT940Fixtures.currencies.contains(currency ?? ""), "\(label): unexpected currency \(currency ?? "")")
        #expect(got.currency == (currency ?? ""), "\(label): currency")
        // Sign and mark agree: upstream negates debits.
        if let status = want["status"] as? String {
            #expect((got.amountMinor < 0) == (status == "D" || status == "RC"), "\(label): sign against status \(status)")
        }
        #expect(got.valueOn == MT940Oracle.date(want["date"]), "\(label): value date")
        let booked = MT940Oracle.date(want["entry_date"]) ?? MT940Oracle.date(want["date"])
        #expect(got.bookedOn == booked, "\(label): booking date")
        if let guessed = MT940Oracle.date(want["guessed_entry_date"]) {
            #expect(got.bookedOn == guessed, "\(label): booking date against upstream's guess")
        }

        // Description: the SEPA purpose where upstream splits the `?NN` sub-fields, else the raw `:86:` text.
        if let purpose = want["purpose"] as? String {
            #expect(got.description == purpose.trimmingCharacters(in: .whitespaces), "\(label): description (purpose)")
        } else if let details = want["transaction_details"] as? String {
            if MT940Fixtures.descriptionsEndingEarly.contains(label) {
                #expect(details.hasPrefix(got.description) && !got.description.isEmpty, "\(label): description")
            } else if details.hasPrefix("/") {
                // `/KEY/` text: the description is a part of it (`/REMI/`), the whole when that is empty.
                let compact = details.replacingOccurrences(of: "\n", with: "")
                #expect(!got.description.isEmpty && compact.contains(got.description), "\(label): description")
            } else {
                #expect(got.description == details, "\(label): description")
            }
        }

        if let name = want["applicant_name"] as? String {
            #expect(got.counterpartyName == name.trimmingCharacters(in: .whitespaces), "\(label): counterparty name")
        }
        if let account = want["applicant_iban"] as? String {
            // An IBAN as is; a domestic number also names the bank (`?30` code/`?31` number, or the `?38` IBAN).
            if MT940Details.isIBAN(account) {
                #expect(got.counterpartyAccount == account, "\(label): counterparty account")
            } else {
                let ours = got.counterpartyAccount ?? ""
                #expect(ours.hasSuffix(account), "\(label): counterparty account \(ours) against \(account)")
                if let bank = want["applicant_bin"] as? String, bank.allSatisfy(\.isNumber) {
                    #expect(ours.contains(bank), "\(label): counterparty account \(ours) against bank \(bank)")
                }
            }
        }
        // Upstream reads a customer reference of at most 16 characters greedily (`NONREF//B4E07XM0`),
        // losing the bank reference after it; where it did find one, it is ours.
        if let bank = want["bank_reference"] as? String, bank != "NONREF" {
            #expect(got.reference == bank, "\(label): reference")
        }
    }

    private func compareStatementFields(_ statements: [MT940Statement], with want: [String: Any], file: String) {
        let quirks = MT940Fixtures.balancesWithoutCurrency[file] ?? [:]
        let balances: [(key: String, tag: String, of: (MT940Statement) -> MT940Balance?)] = [
            ("final_opening_balance", "60F", \.opening), ("intermediate_opening_balance", "60M", \.opening),
            ("final_closing_balance", "62F", \.closing), ("intermediate_closing_balance", "62M", \.closing),
            ("available_balance", "64", \.closingAvailable), ("forward_available_balance", "65", { $0.forwardAvailable.last }),
        ]
        for (key, tag, balanceOf) in balances {
            let ours = statements.last { balanceOf($0)?.tag == tag }
            guard let expected = want[key] as? [String: Any] else {
                #expect(ours == nil, "\(file): the oracle has no \(key), we read :\(tag): at line \(ours.flatMap(balanceOf)?.line ?? 0)")
                continue
            }
            guard let statement = ours, let balance = balanceOf(statement) else {
                Issue.record("\(file): no :\(tag): for the oracle's \(key)")
                continue
            }
            let (amount, currency) = MT940Oracle.money(expected["amount"])
            if let corrected = quirks[key] {
                #expect(currency?.allSatisfy(\.isNumber) == true, "\(file): \(key) was expected to be upstream's digits-as-currency reading")
                #expect(balance.amountMinor == corrected, "\(file): \(key)")
                #expect(balance.currency == nil && statement.currency == "DEM", "\(file): \(key) currency")
            } else {
                #expect(balance.amountMinor == amount, "\(file): \(key) amount")
                #expect((balance.currency ?? statement.currency) == currency, "\(file): \(key) currency")
            }
            #expect(balance.date == MT940Oracle.date(expected["date"]), "\(file): \(key) date")
            #expect(balance.isCredit == (expected["status"] as? String == "C"), "\(file): \(key) mark")
            // The public model carries the opening and closing balances.
            if tag.hasPrefix("60") || tag.hasPrefix("62") {
                let parsed = tag.hasPrefix("60") ? statement.parsed.openingBalance : statement.parsed.closingBalance
                #expect(parsed == ParsedBalance(amountMinor: balance.amountMinor, date: balance.date), "\(file): \(key) in ParsedStatement")
            }
        }

        if let account = want["account_identification"] as? String {
            #expect(statements.last { $0.account != nil }?.account == account, "\(file): account")
            #expect(statements.last { $0.account != nil }?.parsed.account == account, "\(file): account in ParsedStatement")
        }
        if let reference = want["transaction_reference"] as? String {
            #expect(statements.last { $0.transactionReference != nil }?.transactionReference == reference, "\(file): :20:")
        }

        // MT942.
        let report = statements.last { $0.isInterimReport }
        for (key, tag) in [("sum_debit_entries", "90D"), ("sum_credit_entries", "90C")] {
            guard let sum = want[key] as? [String: Any] else {
                #expect(report?.sums.contains { $0.tag == tag } != true, "\(file): the oracle has no \(key)")
                continue
            }
            let ours = report?.sums.last { $0.tag == tag }
            #expect(ours?.count == Int(sum["number"] as? String ?? ""), "\(file): \(key) count")
            // Upstream negates the debit sum.
            #expect(ours?.amountMinor == (sum["amount"] as? String).flatMap(MT940Oracle.minor).map { abs($0) }, "\(file): \(key) amount")
            #expect(ours?.currency == sum["currency"] as? String, "\(file): \(key) currency")
        }
        for key in ["c_floor_limit", "d_floor_limit"] {
            if let limit = want[key] as? [String: Any] {
                #expect(report?.floorLimitCurrency == limit["currency"] as? String, "\(file): \(key) currency")
            }
        }
        if let when = want["date"] as? String {
            // `1701191815+0100` is `2017-01-19T18:15:00+01:00`.
            let ours = Array(report?.reportDateTime ?? "")
            let written = ours.count == 15
                ? "20\(String(ours[0..<2]))-\(String(ours[2..<4]))-\(String(ours[4..<6]))T\(String(ours[6..<8])):\(String(ours[8..<10])):00"
                    + "\(ours[10])\(String(ours[11..<13])):\(String(ours[13..<15]))"
                : ""
            #expect(written == when, "\(file): :13D:")
        }
    }

    private func text(_ minor: Int64, _ currency: String) -> String {
        let digits = String(minor.magnitude), padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return (minor < 0 ? "-" : "") + padded.dropLast(2) + "." + padded.suffix(2) + " " + currency
    }

    @Test("the fixtures are there")
    func fixturesArePresent() {
        #expect(MT940Fixtures.files != [MT940Fixtures.missing],
                "no .sta files under \(MT940Fixtures.root.path): put shared/ beside the repository or set VILLAGEWATCH_SHARED")
        #expect(Set(MT940Fixtures.files) == Set(MT940Fixtures.statementCounts.keys) || MT940Fixtures.files == [MT940Fixtures.missing],
                "fixtures changed: \(Set(MT940Fixtures.files).symmetricDifference(MT940Fixtures.statementCounts.keys).sorted())")
    }

    @Test("every fixture is recognised as MT940, other formats are not")
    func detection() throws {
        for file in MT940Fixtures.files where file != MT940Fixtures.missing {
            #expect(MT940Parser.looksLikeMT940(try Data(contentsOf: MT940Fixtures.url(file))), "\(file)")
        }
        #expect(!MT940Parser.looksLikeMT940(Data("<?xml version=\"1.0\"?>\n<Document><BkToCstmrStmt/></Document>\n".utf8)))
        #expect(!MT940Parser.looksLikeMT940(Data("account,booked_on,amount\n6221,2024-01-01,1.00\n".utf8)))
        #expect(MT940Parser.looksLikeMT940(Data("{1:F01BANKDEFFAXXX0000000000}{2:O940}{4:\r\n:20:X\r\n".utf8)))
    }

    // MARK: - Errors

    private static let header = """
        :20:REF1
        :25:12345678/1020304050
        :28C:1/1
        :60F:C170119EUR100,00

        """

    private func parse(_ text: String, _ validation: MT940Validation = .strict) throws(StatementParseError) -> [ParsedStatement] {
        try MT940Parser.parse(Data(text.utf8), fileName: "test.sta", validation: validation)
    }

    private func failure(_ text: String, _ validation: MT940Validation = .strict) -> StatementParseError? {
        do {
            _ = try parse(text, validation)
            Issue.record("expected an error")
            return nil
        } catch {
            return error
        }
    }

    @Test("a file that ends inside a {4: message block is truncated, named by its last line")
    func truncatedMessageBlock() {
        let text = "{1:F01BANKDEFFAXXX0000000000}{2:O9401200170119BANKDEFFAXXX00000000001701191200N}{4:\n" + Self.header
            + ":61:1701190119D10,00NTRFNONREF//B1\n:86:?20Miete\n"
        for validation in [MT940Validation.strict, .lenient] {
            let error = failure(text, validation)
            #expect(error?.file == "test.sta")
            #expect(error?.line == 7)
            #expect(error?.field == ":86:")
            #expect(error?.reason.contains("truncated") == true, "\(String(describing: error))")
            #expect(error?.reason.contains("line 1") == true, "\(String(describing: error))")
        }
    }

    @Test("a statement that stops before its closing balance is truncated, named by its last line")
    func truncatedStatement() throws {
        let text = Self.header + ":61:1701190119D10,00NTRFNONREF//B1\n:86:Miete\nJanuar\n"
        let error = failure(text)
        #expect(error?.line == 7)
        #expect(error?.field == ":62F:")
        #expect(error?.reason.contains("truncated") == true, "\(String(describing: error))")
        // Shown as written when asked to be lenient.
        let statements = try parse(text, .lenient)
        #expect(statements.first?.closingBalance == nil)
        #expect(statements.first?.transactions.first?.description == "Miete\nJanuar")
    }

    @Test("a field cut short names its line and tag")
    func fieldCutShort() {
        let cutEntry = failure(Self.header + ":61:17011")
        #expect(cutEntry?.line == 5)
        #expect(cutEntry?.field == ":61:")
        let cutAmount = failure(Self.header + ":61:1701190119D10,")
        #expect(cutAmount?.line == 5)
        #expect(cutAmount?.field == ":61:")
        #expect(cutAmount?.reason.contains("truncated") == true, "\(String(describing: cutAmount))")
        let cutBalance = failure(Self.header + ":61:1701190119D10,00NTRFNONREF\n:62F:C1701")
        #expect(cutBalance?.line == 6)
        #expect(cutBalance?.field == ":62F:")
    }

    @Test("a bad amount names :61: and its line")
    func badAmount() {
        let point = failure(Self.header + ":61:1701190119D10.00NTRFNONREF\n:62F:C170119EUR90,00\n")
        #expect(point?.line == 5)
        #expect(point?.field == ":61:")
        #expect(point?.reason.contains("10.00") == true, "\(String(describing: point))")
        let twoCommas = failure(Self.header + ":61:1701190119D10,0,0NTRFNONREF\n:62F:C170119EUR90,00\n")
        #expect(twoCommas?.field == ":61:")
        let balance = failure(Self.header + ":61:1701190119D10,00NTRFNONREF\n:62F:C170119EUR9O,00\n")
        #expect(balance?.line == 6)
        #expect(balance?.field == ":62F:")
        let decimals = failure(Self.header + ":61:1701190119D10,005NTRFNONREF\n:62F:C170119EUR90,00\n")
        #expect(decimals?.field == ":61:")
        #expect(decimals?.reason.contains("decimals") == true, "\(String(describing: decimals))")
    }

    @Test("a bad date names its line and tag; 30 February is the last day of February, 31 February is an error")
    func dates() throws {
        let april = failure(Self.header + ":61:1704310119D10,00NTRFNONREF\n:62F:C170119EUR90,00\n")
        #expect(april?.line == 5)
        #expect(april?.field == ":61:")
        #expect(april?.reason.contains("170431") == true, "\(String(describing: april))")
        let february31 = failure(":20:X\n:25:1\n:60F:C170231EUR1,00\n:62F:C170301EUR1,00\n")
        #expect(february31?.line == 3)
        #expect(february31?.field == ":60F:")
        let february30 = try parse(":20:X\n:25:1\n:60F:C170230EUR1,00\n:61:1702300301C1,00NTRFNONREF\n:62F:C170301EUR2,00\n")
        #expect(february30.first?.openingBalance?.date == CalendarDate(year: 2017, month: 2, day: 28))
        #expect(february30.first?.transactions.first?.valueOn == CalendarDate(year: 2017, month: 2, day: 28))
        #expect(february30.first?.transactions.first?.bookedOn == CalendarDate(year: 2017, month: 3, day: 1))
    }

    @Test("a statement whose balances do not add up is a strict error naming both amounts; the default parse shows it")
    func unbalanced() throws {
        let text = Self.header + ":61:1701190119D10,00NTRFNONREF//B1\n:62F:C170119EUR95,00\n-\n"
        let error = failure(text)
        #expect(error?.line == 6)
        #expect(error?.field == ":62F:")
        #expect(error?.reason.contains("90.00 EUR") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("95.00 EUR") == true, "\(String(describing: error))")
        let shown = try MT940Parser.parse(Data(text.utf8), fileName: "test.sta")
        #expect(shown.first?.closingBalance?.amountMinor == 9500)
        #expect(shown.first?.transactions.first?.amountMinor == -1000)
    }

    @Test("an MT942 whose :90C: disagrees with its entries is an error")
    func interimSums() throws {
        let report = ":20:R\n:25:PL29114010810000267002001002\n:28C:1/1\n:34F:PLN0,\n:13D:1701191815+0100\n"
            + ":61:1701190119CN0,01NTRFNONREF//MB1\n:61:1701190119DN0,02NTRFNONREF//MB2\n"
        let ok = try parse(report + ":90D:1PLN0,02\n:90C:1PLN0,01\n-\n")
        #expect(ok.first?.openingBalance == nil && ok.first?.closingBalance == nil)
        #expect(ok.first?.currency == "PLN")
        #expect(ok.first?.transactions.map(\.amountMinor) == [1, -2])
        let error = failure(report + ":90D:1PLN0,02\n:90C:2PLN0,02\n-\n")
        #expect(error?.line == 9)
        #expect(error?.field == ":90C:")
    }

    @Test("no statement at all is an error")
    func notMT940() {
        let error = failure("account,booked_on,amount\n6221,2024-01-01,1.00\n")
        #expect(error?.file == "test.sta")
        #expect(error?.reason.contains("no MT940") == true)
    }

    // MARK: - What is read

    @Test("an entry date in the next year, or the year before, of the value date")
    func entryDateYear() throws {
        let statements = try parse("""
            :20:Y
            :25:1
            :60F:C161230EUR100,00
            :61:1612310102D10,00NTRFNONREF
            :61:1701021231C10,00NTRFNONREF
            :62F:C170102EUR100,00

            """)
        let entries = try #require(statements.first?.transactions)
        #expect(entries.map(\.valueOn) == [CalendarDate(year: 2016, month: 12, day: 31), CalendarDate(year: 2017, month: 1, day: 2)])
        #expect(entries.map(\.bookedOn) == [CalendarDate(year: 2017, month: 1, day: 2), CalendarDate(year: 2016, month: 12, day: 31)])
    }

    @Test("marks, reversals, funds codes and references")
    func marksAndReferences() throws {
        let statements = try parse(Self.header + """
            :61:1701190119CR1,00NTRFNONREF//BANK1
            :61:1701190119RC2,00NMSCCUST2
            :61:1701190119RDR3,00NMSCNONREF
            :61:1701190119DR4,NCHK12345//NONREF
            :62F:C170119EUR98,00

            """)
        let entries = try #require(statements.first?.transactions)
        #expect(entries.map(\.amountMinor) == [100, -200, 300, -400])
        #expect(entries.map(\.reference) == ["BANK1", "CUST2", nil, "12345"])
    }

    @Test("amounts in the currency's minor unit: JPY has none")
    func yen() throws {
        let statements = try parse(":20:J\n:25:1\n:60F:C200101JPY1000,\n:61:2001020102D300,NTRFNONREF\n:62F:C200102JPY700,\n")
        #expect(statements.first?.openingBalance?.amountMinor == 1000)
        #expect(statements.first?.transactions.first?.amountMinor == -300)
        #expect(statements.first?.transactions.first?.currency == "JPY")
        let error = failure(":20:J\n:25:1\n:60F:C200101JPY1000,\n:61:2001020102D300,5NTRFNONREF\n:62F:C200102JPY700,\n")
        #expect(error?.line == 4)
        #expect(error?.field == ":61:")
    }

    @Test("several messages in SWIFT envelopes")
    func envelopes() throws {
        let text = """
            {1:F01BANKDEFFAXXX0000000000}{2:O9401200170119BANKDEFFAXXX00000000001701191200N}{3:{108:MT940}}{4:
            :20:A
            :25:DE12345678901234567890
            :28C:1/1
            :60F:C170119EUR100,00
            :61:1701190119C5,00NTRFNONREF//B1
            :86:166?00GUTSCHRIFT?20SVWZ+Pacht 2017?32Dorf Genossenschaft?31DE02120300000000202051
            :62F:C170119EUR105,00
            -}{5:{CHK:123456789ABC}}{1:F01BANKDEFFAXXX0000000000}{2:O9401200170120BANKDEFFAXXX00000000001701201200N}{4:
            :20:B
            :25:DE12345678901234567890
            :28C:2/1
            :60F:C170119EUR105,00
            :62F:C170120EUR105,00
            -}{5:{CHK:123456789ABD}}
            """
        let statements = try parse(text)
        #expect(statements.count == 2)
        #expect(statements.map(\.account) == ["DE12345678901234567890", "DE12345678901234567890"])
        let entry = try #require(statements.first?.transactions.first)
        #expect(entry.description == "Pacht 2017")
        #expect(entry.counterpartyName == "Dorf Genossenschaft")
        #expect(entry.counterpartyAccount == "DE02120300000000202051")
        #expect(entry.reference == "B1")
    }

    @Test("counterparties in /KEY/ text, Knab's REK:/NAAM:, German bank code and account")
    func counterparties() throws {
        let rabobank = try MT940Parser.parse(Data(contentsOf: MT940Fixtures.url("jejik/rabobank-iban.sta")), fileName: "rabobank-iban.sta")
        let first = try #require(rabobank.first?.transactions.first), second = try #require(rabobank.first?.transactions.last)
        #expect(first.counterpartyName == "CONTRA ACCOUNT HOLDER")
        #expect(first.counterpartyAccount == "NL70ABNA0987654321")  // the IBAN on :61:'s second line
        #expect(first.reference == "01-01-2013 12:00 0030000987654321")  // :61: says EREF: the /EREF/ of :86:
        #expect(second.counterpartyName == "JOHN DOE")
        #expect(second.description == "Reference 201301234")
        #expect(second.counterpartyAccount == nil)  // P001234567 is no IBAN
        #expect(second.reference == nil)

        let knab = try MT940Parser.parse(Data(contentsOf: MT940Fixtures.url("jejik/knab.sta")), fileName: "knab.sta", validation: .lenient)
        let invoice = try #require(knab.last?.transactions.first)
        #expect(invoice.counterpartyName == "PICQER")
        #expect(invoice.counterpartyAccount == "NL65INGB0123456789")
        #expect(invoice.reference == "B4G29PGCVO7Q06US")

        let cmxl = try MT940Parser.parse(Data(contentsOf: MT940Fixtures.url("cmxl/mt940.sta")), fileName: "mt940.sta")
        #expect(cmxl[1].transactions.first?.counterpartyAccount == "10020030/234567")
        #expect(cmxl[2].transactions.first?.counterpartyAccount == "PL08106000760000777777777777")  // ?38

        let ing = try parse(Self.header + """
            :61:1701190119D10,00NTRFNONREF
            :86:/CNTP/NL32INGB0000012345/INGBNL2A/ING BANK NV/AMSTERDAM//REMI/USTD//Factuur 2017-001/
            :62F:C170119EUR90,00

            """)
        let payment = try #require(ing.first?.transactions.first)
        #expect(payment.counterpartyName == "ING BANK NV")
        #expect(payment.counterpartyAccount == "NL32INGB0000012345")
        #expect(payment.description == "Factuur 2017-001")
    }
}
