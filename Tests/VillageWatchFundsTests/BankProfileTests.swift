import Foundation
import Testing
import VillageWatchCore
@testable import VillageWatchFunds

/// The mapping-profile reader against every Chinese bank export in `shared/data/bank-statements/cn-csv`,
/// with upstream's Beancount ledgers (double-entry-generator's `example-*-output.beancount`) as the oracle,
/// and against the rural commercial bank's corporate layout defined in `docs/bank-profiles.md`.
///
/// How a Beancount transaction maps onto a parsed transaction:
/// - **Sign.** Each upstream transaction has two postings, `+x` on the account money went *to* and `−x`
///   on the account it came *from*. The statement's own account (the card, the Alipay balance, listed per
///   sample in `ownAccounts`) is one of them, and the sign of *its* posting is money in (+) or out (−)
///   from the account holder's point of view — what `ParsedTransaction.amountMinor` means. For a credit
///   card (a `Liabilities:` account) a purchase is `−` (the debt grows) and a repayment `+`, which is again
///   money out and in. The first own account found in the posting list decides; where upstream could not
///   tell which card a row belongs to it leaves the template defaults `Expenses:FIXME`/`Assets:FIXME`, and
///   the sample lists the default that stands for the card.
/// - **Count.** Upstream's example configs also *ignore* rows by personal preference (payments to Alipay
///   or WeChat, which the author books from the Alipay side). A bank flow must keep them, so the reader
///   returns them and each sample states upstream's ignore rule (`excludedUpstream`); the parsed count
///   minus those equals the oracle's count exactly. Alipay's closed trades are different: they moved no
///   money, so the alipay profile itself skips them.
/// - **Dates.** Upstream dates a transaction by the transaction date where an export has two dates
///   (交易日), and by the booking date otherwise — except the BOC credit bill, which it dates by 银行记账日.
///   The reader's `bookedOn` is always the booking date (记账日), `valueOn` the transaction date.
/// - **Payee/narration** are compared where they come from the same columns (per sample in `check`).
@Suite struct BankProfileTests {
    // MARK: - Shared data and fixtures

    struct MissingData: Error, CustomStringConvertible {
        var path: String
        var description: String { "shared test data not found at \(path): tests need ../shared beside the repository or VILLAGEWATCH_SHARED" }
    }

    static let sharedRoot: URL = ProcessInfo.processInfo.environment["VILLAGEWATCH_SHARED"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared").standardized

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func cnCSV(_ relative: String) throws -> Data {
        let url = sharedRoot.appendingPathComponent("data/bank-statements/cn-csv").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingData(path: url.path) }
        return try Data(contentsOf: url)
    }

    static func fixture(_ name: String) throws -> Data {
        let url = fixtures.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingData(path: url.path) }
        return try Data(contentsOf: url)
    }

    static func catalog() throws -> BankProfileCatalog {
        BankProfileCatalog(builtIn: try BankProfileCatalog.builtIn())
    }

    static func profile(_ name: String) throws -> BankProfile {
        try #require(try catalog().profile(named: name), "no built-in profile \(name)")
    }

    // MARK: - The Beancount oracle

    struct OracleTransaction: CustomStringConvertible {
        var date: CalendarDate
        /// The quoted strings after the flag: payee and narration, or the narration alone.
        var strings: [String]
        var metadata: [String: String] = [:]
        var postings: [(account: String, minor: Int64, currency: String)] = []

        var description: String {
            "\(date) \(strings) " + postings.map { "\($0.account) \($0.minor) \($0.currency)" }.joined(separator: ", ")
        }
    }

    /// Transactions of a Beancount file as double-entry-generator writes them: a `DATE * "…" "…"` line,
    /// then tab-indented `key: "value"` metadata and `Account amount CUR` postings.
    static func parseBeancount(_ text: String) -> [OracleTransaction] {
        var result: [OracleTransaction] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("\t") || line.hasPrefix("  ") {
                guard !result.isEmpty else { continue }
                let body = line.trimmingCharacters(in: .whitespaces)
                if let colon = body.range(of: ": \""), body.hasSuffix("\"") {
                    let key = String(body[..<colon.lowerBound])
                    result[result.count - 1].metadata[key] = String(body[colon.upperBound..<body.index(before: body.endIndex)])
                } else {
                    let parts = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                    if parts.count == 3, let fen = Fen(yuan: parts[1]) {
                        result[result.count - 1].postings.append((parts[0], fen.value, parts[2]))
                    }
                }
                continue
            }
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard fields.count >= 2, fields[1] == "*" || fields[1] == "!", let date = CalendarDate(parsing: fields[0]) else { continue }
            var strings: [String] = []
            var current: String?
            for character in fields.count > 2 ? fields[2] : "" {
                if character == "\"" {
                    if let done = current { strings.append(done); current = nil } else { current = "" }
                } else if current != nil {
                    current!.append(character)
                }
            }
            result.append(OracleTransaction(date: date, strings: strings))
        }
        return result
    }

    // MARK: - The samples

    enum OracleDate: Sendable { case transactionDate, bookedOn }

    struct Sample: Sendable, CustomTestStringConvertible {
        var profile: String
        var file: String
        var oracle: String
        /// Rows the reader returns (all money movements in the file).
        var parsedCount: Int
        var accounts: [String]
        var ownAccounts: [String]
        var oracleDate: OracleDate = .transactionDate
        /// Upstream's personal ignore rules, restated on parsed fields.
        var excludedUpstream: @Sendable (ParsedTransaction) -> Bool = { _ in false }
        /// Payee/narration/metadata disagreements, empty when they correspond.
        var check: @Sendable (OracleTransaction, ParsedTransaction) -> [String] = { _, _ in [] }

        var testDescription: String { profile }
    }

    static func mentions(_ t: ParsedTransaction, _ words: [String]) -> Bool {
        let texts = [t.counterpartyName ?? "", t.counterpartyAccount ?? "", t.description]
        return words.contains { word in texts.contains { $0.contains(word) } }
    }

    static func expectEqual(_ label: String, _ oracle: String?, _ parsed: String?) -> [String] {
        oracle == parsed ? [] : ["\(label): oracle \(oracle ?? "nil") ≠ parsed \(parsed ?? "nil")"]
    }

    static let samples: [Sample] = [
        Sample(profile: "abc-debit", file: "abc_debit/example-abc_debit-records.csv", oracle: "abc_debit/example-abc_debit-output.beancount",
               parsedCount: 5, accounts: [""], ownAccounts: ["Assets:ABC:DebitCard"],
               check: { o, t in
                   // payee: 对手信息, or "ABC Debit" when it is empty or "--"; narration: 交易摘要 - 交易附言.
                   expectEqual("payee", o.strings.first, t.counterpartyName ?? "ABC Debit")
                       + expectEqual("narration", o.strings.last, t.description)
                       + expectEqual("logNumber", o.metadata["logNumber"], t.reference)
               }),
        Sample(profile: "alipay", file: "alipay/example-alipay-records.csv", oracle: "alipay/example-alipay-output.beancount",
               parsedCount: 7, accounts: ["xx@gmail.com"], ownAccounts: ["Assets:Alipay", "Liabilities:CC:COMM:7449", "Assets:FIXME"],
               check: { o, t in
                   expectEqual("payee", o.strings.first, t.counterpartyName) + expectEqual("narration", o.strings.last, t.description)
                       + expectEqual("orderId", o.metadata["orderId"], t.reference)
               }),
        Sample(profile: "boc-credit", file: "boc/credit/example-boc-records.csv", oracle: "boc/credit/example-boc-credit-output.beancount",
               parsedCount: 14, accounts: ["4260", "2875", ""],
               // The 存款利息 row has no card number: upstream leaves the template's `to` default there.
               ownAccounts: ["Liabilities:CC:BoC:2875", "Liabilities:CC:BoC:4260", "Expenses:FIXME"], oracleDate: .bookedOn,
               excludedUpstream: { mentions($0, ["支付宝", "微信", "钱袋宝", "京东", "曾三"]) },
               check: { o, t in expectEqual("narration", o.strings.last, t.description) }),
        Sample(profile: "boc-debit", file: "boc/debit/example-boc-records.csv", oracle: "boc/debit/example-boc-debit-output.beancount",
               parsedCount: 17, accounts: ["3167"], ownAccounts: ["Assets:DC:BoC:3167"],
               excludedUpstream: { mentions($0, ["支付宝", "微信", "钱袋宝", "京东", "曾三"]) },
               check: { o, t in
                   // payee: 对方账户名 + 对方卡号/账号; narration: 交易名称 (the description adds the 附言).
                   expectEqual("payee", o.strings.first, (t.counterpartyName ?? "") + (t.counterpartyAccount ?? ""))
                       + (t.description.hasPrefix(o.strings.last ?? "∅") ? [] : ["narration \(o.strings.last ?? "") not the start of \(t.description)"])
               }),
        Sample(profile: "bocom-credit", file: "bocom_credit/example-bocom_credit-records.csv",
               oracle: "bocom_credit/example-bocom_credit-output.beancount",
               parsedCount: 8, accounts: [""], ownAccounts: ["Liabilities:BOCOM:CreditCard"],
               check: { o, t in
                   expectEqual("narration", o.strings.last, t.description)
                       + expectEqual("recordDate", o.metadata["recordDate"], t.bookedOn.description)
               }),
        Sample(profile: "cgb-credit", file: "cgb_credit/example-cgb_credit-records.csv", oracle: "cgb_credit/example-cgb_credit-output.beancount",
               parsedCount: 4, accounts: [""], ownAccounts: ["Liabilities:CGB:CreditCard"],
               check: { o, t in
                   expectEqual("narration", o.strings.last, t.description)
                       + expectEqual("recordDate", o.metadata["recordDate"], t.bookedOn.description)
               }),
        Sample(profile: "cmb-credit", file: "cmb/credit/example-cmb-records.csv", oracle: "cmb/credit/example-cmb-credit-output.beancount",
               parsedCount: 6, accounts: ["1234"], ownAccounts: ["Liabilities:CreditCard:CMB"],
               excludedUpstream: { $0.description.contains("财付通") },
               check: { o, t in expectEqual("narration", o.strings.last, t.description) }),
        Sample(profile: "icbc-credit", file: "icbc/credit/example-icbc-credit-records.csv",
               oracle: "icbc/credit/example-icbc-credit-output.beancount",
               parsedCount: 9, accounts: ["1234****5678"], ownAccounts: ["Liabilities:Bank:CN:ICBC"],
               excludedUpstream: { ($0.counterpartyName ?? "").contains("财付通") || ($0.counterpartyName ?? "").contains("支付宝") },
               check: { o, t in
                   // The one string is the payee, 交易场所 (对方户名 is empty in this export); txType is 摘要.
                   expectEqual("payee", o.strings.first, t.counterpartyName)
                       + (t.description.hasPrefix(o.metadata["txType"] ?? "∅") ? [] : ["txType \(o.metadata["txType"] ?? "") vs \(t.description)"])
               }),
        Sample(profile: "icbc-debit-v1", file: "icbc/debit-v1/example-icbc-debit-v1-records.csv",
               oracle: "icbc/debit-v1/example-icbc-debit-v1-output.beancount",
               parsedCount: 11, accounts: ["1234****9876"], ownAccounts: ["Assets:Bank:CN:ICBC"],
               excludedUpstream: { t in
                   // description = 摘要 + " " + 交易场所
                   t.description.contains(" 财付通-") || t.description.contains(" 支付宝-")
                       || (t.description.contains("支付宝") && t.description.contains("蚂蚁基金赎回到银行"))
                       || (t.description.contains("广东XX分行银行卡中心") && t.description.contains("自动还款"))
               },
               check: { o, t in
                   // payee: 交易场所 + " " + 对方户名 (or 对方户名 alone); peerAccount: 对方户名.
                   expectEqual("peerAccount", o.metadata["peerAccount"], t.counterpartyName)
                       + ((o.strings.first ?? "").hasSuffix(t.counterpartyName ?? "∅") ? [] : ["payee \(o.strings.first ?? "")"])
                       + (t.description.hasPrefix(o.metadata["txType"] ?? "∅") ? [] : ["txType \(o.metadata["txType"] ?? "") vs \(t.description)"])
               }),
    ]

    @Test(arguments: samples)
    func sampleMatchesUpstreamOracle(_ sample: Sample) throws {
        let data = try Self.cnCSV(sample.file)
        let profile = try Self.profile(sample.profile)
        let statements = try BankProfileReader.parse(data, fileName: (sample.file as NSString).lastPathComponent, profile: profile)
        #expect(statements.map(\.account) == sample.accounts)
        let parsed = statements.flatMap(\.transactions)
        #expect(parsed.count == sample.parsedCount)
        var candidates = parsed.filter { !sample.excludedUpstream($0) }

        let oracle = Self.parseBeancount(String(decoding: try Self.cnCSV(sample.oracle), as: UTF8.self))
        #expect(!oracle.isEmpty)
        #expect(candidates.count == oracle.count, "parsed minus upstream-ignored rows vs oracle transactions")

        for expected in oracle {
            let own = sample.ownAccounts.lazy.compactMap { name in expected.postings.first { $0.account == name } }.first
            let posting = try #require(own, "no own-account posting in \(expected)")
            let sameMoney = candidates.indices.filter { i in
                let t = candidates[i]
                let date = sample.oracleDate == .bookedOn ? t.bookedOn : (t.valueOn ?? t.bookedOn)
                return date == expected.date && t.amountMinor == posting.minor && t.currency == posting.currency
            }
            guard let index = sameMoney.first(where: { sample.check(expected, candidates[$0]).isEmpty }) else {
                let problems = sameMoney.map { sample.check(expected, candidates[$0]) }
                Issue.record("no parsed transaction matches \(expected); same date and amount: \(sameMoney.count), \(problems)")
                continue
            }
            candidates.remove(at: index)
        }
    }

    @Test(arguments: samples)
    func detectionPicksTheSampleProfile(_ sample: Sample) throws {
        let data = try Self.cnCSV(sample.file)
        #expect(try Self.catalog().detect(data, fileName: (sample.file as NSString).lastPathComponent)?.name == sample.profile)
    }

    // MARK: - Details of particular samples

    @Test func balancesFromTheBalanceColumn() throws {
        // BOC debit is listed newest first: the reader reverses it; its running balance is continuous.
        let boc = try BankProfileReader.parse(try Self.cnCSV("boc/debit/example-boc-records.csv"), fileName: "boc.csv",
                                              profile: try Self.profile("boc-debit"))[0]
        #expect(boc.openingBalance == ParsedBalance(amountMinor: 281_358, date: CalendarDate(year: 2025, month: 8, day: 1)))
        #expect(boc.closingBalance == ParsedBalance(amountMinor: 324_028, date: CalendarDate(year: 2025, month: 8, day: 22)))
        #expect(boc.openingBalance!.amountMinor + boc.transactions.map(\.amountMinor).reduce(0, +) == boc.closingBalance!.amountMinor)
        #expect(boc.transactions.first?.amountMinor == 100_000 && boc.transactions.last?.amountMinor == -7_189)

        let abc = try BankProfileReader.parse(try Self.cnCSV("abc_debit/example-abc_debit-records.csv"), fileName: "abc.csv",
                                              profile: try Self.profile("abc-debit"))[0]
        #expect(abc.openingBalance == ParsedBalance(amountMinor: 100_000, date: CalendarDate(year: 2024, month: 1, day: 1)))
        #expect(abc.closingBalance == ParsedBalance(amountMinor: 12_335, date: CalendarDate(year: 2024, month: 1, day: 4)))
        // No balance column mapped: no balances.
        let cgb = try BankProfileReader.parse(try Self.cnCSV("cgb_credit/example-cgb_credit-records.csv"), fileName: "cgb.csv",
                                              profile: try Self.profile("cgb-credit"))[0]
        #expect(cgb.openingBalance == nil && cgb.closingBalance == nil)
    }

    @Test func yearlessDatesAndCurrencyInTheAmountCell() throws {
        // CMB: 记账日 12/29 in the January 2024 bill is 2023-12-29; an empty 交易日 gives no value date.
        let cmb = try BankProfileReader.parse(try Self.cnCSV("cmb/credit/example-cmb-records.csv"), fileName: "cmb.csv",
                                              profile: try Self.profile("cmb-credit"))[0].transactions
        #expect(cmb.first?.bookedOn == CalendarDate(year: 2023, month: 12, day: 29))
        #expect(cmb.first?.valueOn == nil)
        #expect(cmb.last?.valueOn == CalendarDate(year: 2024, month: 1, day: 5))
        #expect(cmb.last?.amountMinor == -800_000)

        // BOCOM: "CNY13.50" and "CNY 49.85" (the JPY amount is in the other column).
        let bocom = try BankProfileReader.parse(try Self.cnCSV("bocom_credit/example-bocom_credit-records.csv"), fileName: "bocom.csv",
                                                profile: try Self.profile("bocom-credit"))[0].transactions
        #expect(bocom.contains { $0.amountMinor == 1_350 && $0.currency == "CNY" })
        #expect(bocom.contains { $0.amountMinor == -4_985 && $0.description == "消费 Suica Charge" })
        // BOC credit: the USD row keeps its currency; the statement's currency is the usual one.
        let boc = try BankProfileReader.parse(try Self.cnCSV("boc/credit/example-boc-records.csv"), fileName: "boc.csv",
                                              profile: try Self.profile("boc-credit"))
        let card = try #require(boc.first { $0.account == "2875" })
        #expect(card.currency == "CNY")
        #expect(card.transactions.contains { $0.currency == "USD" && $0.amountMinor == -372 })
    }

    // MARK: - The rural commercial bank's corporate export

    @Test func ruralBankCSVAndXLSXGiveIdenticalStatements() throws {
        let profile = try Self.profile("rcb-corporate")
        let csv = try BankProfileReader.parse(try Self.fixture("rcb-corporate-sample.csv"), fileName: "rcb-corporate-sample.csv", profile: profile)
        let xlsx = try BankProfileReader.parse(try Self.fixture("rcb-corporate-sample.xlsx"), fileName: "rcb-corporate-sample.xlsx", profile: profile)
        #expect(csv == xlsx)

        let statement = try #require(csv.first)
        #expect(csv.count == 1)
        #expect(statement.account == "80020001234567890")
        #expect(statement.currency == "CNY")
        #expect(statement.transactions.count == 12)
        #expect(statement.openingBalance == ParsedBalance(amountMinor: 28_645_032, date: CalendarDate(year: 2025, month: 1, day: 2)))
        #expect(statement.closingBalance == ParsedBalance(amountMinor: 39_984_600, date: CalendarDate(year: 2025, month: 1, day: 21)))
        #expect(statement.openingBalance!.amountMinor + statement.transactions.map(\.amountMinor).reduce(0, +) == 39_984_600)
        #expect(statement.transactions[0] == ParsedTransaction(
            bookedOn: CalendarDate(year: 2025, month: 1, day: 2)!, amountMinor: 5_000_000, currency: "CNY",
            counterpartyName: "雷州市白沙镇人民政府", counterpartyAccount: "44050170012300001234", reference: "RCB202501020000158",
            description: "转账 2025年第一季度村级组织运转经费"))
        // A cash withdrawal has no counterparty; a red-ink reversal (借方 −10.00) is money in.
        #expect(statement.transactions[3].amountMinor == -200_000 && statement.transactions[3].counterpartyName == nil)
        #expect(statement.transactions[6].amountMinor == 1_000 && statement.transactions[6].description == "冲正 手续费冲正(红字)")
    }

    @Test func ruralBankSamplesAreDetected() throws {
        let catalog = try Self.catalog()
        #expect(catalog.detect(try Self.fixture("rcb-corporate-sample.csv"), fileName: "a.csv")?.name == "rcb-corporate")
        #expect(catalog.detect(try Self.fixture("rcb-corporate-sample.xlsx"), fileName: "a.xlsx")?.name == "rcb-corporate")
        #expect(catalog.detect(Data("name,age\n张三,30\n".utf8), fileName: "people.csv") == nil)
        #expect(catalog.detect(Data([0x50, 0x4B, 0x03, 0x04, 0, 0]), fileName: "broken.xlsx") == nil)
    }

    // MARK: - Bad input

    /// The rural bank sample as UTF-8 text, for editing.
    static func ruralBankText() throws -> String {
        let gb = try fixture("rcb-corporate-sample.csv")
        let reader = try CSVReader(data: gb, fileName: "rcb.csv")
        var lines: [String] = []
        while let record = try reader.next() { lines.append(CSVWriter.line(record.fields)) }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func missingHeaderRowIsAnError() throws {
        let abc = try Self.cnCSV("abc_debit/example-abc_debit-records.csv")
        let error = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(abc, fileName: "abc.csv", profile: try Self.profile("boc-debit"))
        }
        #expect(error.file == "abc.csv" && error.line == nil)
        #expect(error.reason.hasPrefix("no header row: no row has all of 记账日期, 记账时间"))
    }

    @Test func badAmountNamesRowAndColumn() throws {
        let profile = try Self.profile("rcb-corporate")
        // The ruralBankText lines: title, 账号, 查询期间, header (line 4), then data from line 5.
        let text = try Self.ruralBankText().replacingOccurrences(of: "\"8,600.00\"", with: "\"8,6OO.00\"")
        let error = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(Data(text.utf8), fileName: "rcb.csv", profile: profile)
        }
        #expect(error == StatementParseError(file: "rcb.csv", line: 6, field: "借方发生额",
                                             reason: "'8,6OO.00' is not an amount (yuan with at most 2 decimals)"))
        #expect(error.description == "rcb.csv:6: 借方发生额: '8,6OO.00' is not an amount (yuan with at most 2 decimals)")

        // In a spreadsheet the line is the row number.
        let sheet = XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "明细", header: ["账号：80020001234567890"], rows: [
            ["交易日期", "交易时间", "交易流水号", "借方发生额", "贷方发生额", "余额", "对方户名", "对方账号", "摘要", "用途"].map { .text($0) },
            [.text("2025-01-02"), .text("09:00:00"), .text("S1"), .empty, .decimal(fen: 100), .decimal(fen: 100)],
            [.text("2025-01-03"), .text("09:00:00"), .text("S2"), .text("一百元"), .empty, .decimal(fen: 0)],
        ])])
        let xlsxError = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(try sheet.data(), fileName: "rcb.xlsx", profile: profile)
        }
        #expect(xlsxError.line == 4 && xlsxError.field == "借方发生额" && xlsxError.file == "rcb.xlsx")

        let badDate = try Self.ruralBankText().replacingOccurrences(of: "2025-01-06,", with: "2025-13-06,")
        let dateError = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(Data(badDate.utf8), fileName: "rcb.csv", profile: profile)
        }
        #expect(dateError.line == 7 && dateError.field == "交易日期" && dateError.reason == "'2025-13-06' is not a valid date")
    }

    @Test func unknownDirectionNamesRowAndColumn() throws {
        var text = String(decoding: try Self.cnCSV("bocom_credit/example-bocom_credit-records.csv"), as: UTF8.self)
        text = text.replacingOccurrences(of: "退货 美团", with: "赠送 美团")
        let error = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(Data(text.utf8), fileName: "bocom.csv", profile: try Self.profile("bocom-credit"))
        }
        #expect(error.line == 3 && error.field == "交易说明")
        #expect(error.reason.hasPrefix("'赠送 美团' is neither money in"))
    }

    @Test func wrongEncodingIsAnError() throws {
        // The GBK Alipay export read as UTF-8: the CSV reader's error, with the profile's claim.
        var utf8Alipay = try Self.profile("alipay")
        utf8Alipay.encoding = "utf-8"
        let gbk = try Self.cnCSV("alipay/example-alipay-records.csv")
        let error = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(gbk, fileName: "alipay.csv", profile: utf8Alipay)
        }
        #expect(error == StatementParseError(file: "alipay.csv", line: 2,
                                             reason: "invalid UTF-8 byte sequence; try --encoding gb18030 (the profile says the file is utf-8)"))

        // UTF-8 Chinese text forced through GB18030 is not valid GB18030 either.
        var gbRural = try Self.profile("rcb-corporate")
        gbRural.encoding = "gb18030"
        #expect(throws: StatementParseError(file: "rcb.csv", line: 2,
                                            reason: "invalid GB18030 byte sequence (the profile says the file is gb18030)")) {
            _ = try BankProfileReader.parse(Data(try Self.ruralBankText().utf8), fileName: "rcb.csv", profile: gbRural)
        }
        // Text that happens to decode (the header is ASCII here) but lacks the header names the encoding read.
        let mojibake = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(Data("date,amount\n2025-01-01,1.00\n".utf8), fileName: "x.csv", profile: gbRural)
        }
        #expect(mojibake.reason.contains("no header row") && mojibake.reason.contains("read as gb18030"))
        // Detected, the same bytes read fine.
        #expect(try BankProfileReader.parse(Data(try Self.ruralBankText().utf8), fileName: "rcb.csv",
                                            profile: try Self.profile("rcb-corporate"))[0].transactions.count == 12)
    }

    @Test func missingMappedColumnIsAnError() throws {
        var profile = try Self.profile("rcb-corporate")
        profile.counterpartyAccount = "对方帐号"
        let error = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(try Self.fixture("rcb-corporate-sample.csv"), fileName: "rcb.csv", profile: profile)
        }
        #expect(error == StatementParseError(file: "rcb.csv", line: 5, field: "对方帐号", reason: "column not in the header row (profile rcb-corporate)"))
    }

    @Test func notAnXLSXFile() throws {
        var zipLike = Data([0x50, 0x4B, 0x03, 0x04])
        zipLike.append(Data(repeating: 0, count: 40))
        let error = try #require(throws: StatementParseError.self) {
            _ = try BankProfileReader.parse(zipLike, fileName: "x.xlsx", profile: try Self.profile("rcb-corporate"))
        }
        #expect(error.reason.hasPrefix("not an XLSX file"))
    }

    // MARK: - Profiles as files

    @Test func builtInProfilesLoad() throws {
        let names = try Self.catalog().profiles.map(\.name)
        #expect(names == ["abc-debit", "alipay", "boc-credit", "boc-debit", "bocom-credit", "canonical", "cgb-credit", "cmb-credit",
                          "icbc-credit", "icbc-debit-v1", "rcb-corporate"])
        for profile in try Self.catalog().profiles {
            #expect(profile.problem() == nil, "\(profile.name)")
            // Encoding and decoding gives the same profile (the format is stable).
            let json = try JSONEncoder().encode(profile)
            #expect(try BankProfile.decode(json, file: profile.name) == profile)
        }
    }

    @Test func userProfilesOverrideBuiltInsByName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var rural = try Self.profile("rcb-corporate")
        rural.displayName = "某某农商银行 对公流水（县里改过）"
        try JSONEncoder().encode(rural).write(to: directory.appendingPathComponent("rcb-corporate.json"))
        let village = #"""
        {"name": "village-cash", "displayName": "村报账员现金日记账", "format": "csv",
         "headerMarkers": ["日期", "收入", "支出"], "bookedOn": "日期", "credit": "收入", "debit": "支出",
         "description": "摘要", "dateFormats": ["yyyy.M.d"]}
        """#
        try Data(village.utf8).write(to: directory.appendingPathComponent("village-cash.json"))
        try Data("not a profile".utf8).write(to: directory.appendingPathComponent("README.txt"))

        let catalog = try BankProfileCatalog.standard(environment: ["VILLAGEWATCH_BANK_PROFILES": directory.path])
        #expect(catalog.profiles.count == 12)
        #expect(catalog.profile(named: "rcb-corporate")?.displayName == "某某农商银行 对公流水（县里改过）")
        let cash = try #require(catalog.profile(named: "village-cash"))
        let statements = try BankProfileReader.parse(Data("日期,摘要,收入,支出\n2025.1.5,误工补贴,,300.00\n2025.1.6,租金,\"1,200\",\n".utf8),
                                                     fileName: "cash.csv", profile: cash)
        #expect(statements.first?.transactions.map(\.amountMinor) == [-30_000, 120_000])
        #expect(catalog.detect(Data("日期,摘要,收入,支出\n".utf8), fileName: "cash.csv")?.name == "village-cash")

        // A typo in a key is reported with the file and the key.
        try Data(village.replacingOccurrences(of: "\"bookedOn\"", with: "\"bookedon\"").utf8)
            .write(to: directory.appendingPathComponent("village-cash.json"))
        let typo = try #require(throws: StatementParseError.self) {
            _ = try BankProfileCatalog.standard(environment: ["VILLAGEWATCH_BANK_PROFILES": directory.path])
        }
        #expect(typo.file.hasSuffix("village-cash.json") && typo.field == "bookedon")

        let missing = directory.appendingPathComponent("nowhere").path
        #expect(throws: StatementParseError(file: missing, reason: "bank profile directory not found")) {
            _ = try BankProfileCatalog.standard(environment: ["VILLAGEWATCH_BANK_PROFILES": missing])
        }
    }

    @Test func invalidProfilesAreRefused() throws {
        func problem(_ json: String) -> StatementParseError? {
            do {
                _ = try BankProfile.decode(Data(json.utf8), file: "p.json")
                return nil
            } catch {
                return error
            }
        }
        let base = #""name": "p", "displayName": "测试", "format": "csv", "headerMarkers": ["日期"], "bookedOn": "日期""#
        #expect(problem("{\(base), \"signedAmount\": \"金额\"}") == nil)
        #expect(problem("{\(base)}")?.field == "signedAmount")
        #expect(problem("{\(base), \"signedAmount\": \"金额\", \"credit\": \"收\", \"debit\": \"支\"}")?.field == "signedAmount")
        #expect(problem("{\(base), \"amount\": \"金额\"}")?.field == "direction")
        #expect(problem("{\(base), \"signedAmount\": \"金额\", \"encoding\": \"latin1\"}")?.field == "encoding")
        #expect(problem("{\(base), \"signedAmount\": \"金额\", \"dateFormats\": [\"MM/dd\"]}")?.field == "yearFrom")
        #expect(problem("{\(base), \"signedAmount\": \"金额\", \"dateFormats\": [\"yyyy-QQ\"]}")?.field == "dateFormats")
        #expect(problem("{\(base), \"signedAmount\": {\"columns\": [\"金额\"], \"join\": \" \"}}")?.field == "signedAmount.join")
        #expect(problem("{\(base.replacingOccurrences(of: "\"csv\"", with: "\"pdf\"")), \"signedAmount\": \"金额\"}")?.field == "format")
        #expect(problem("{\"name\": \"p\"}")?.field == "displayName")
        #expect(problem("[1]")?.reason == "a profile is a JSON object")
    }

    // MARK: - Cells, dates and spreadsheets

    @Test func amountCells() {
        #expect(BankAmountText.read("CNY 123.18") == .init(minor: 12_318, currency: "CNY"))
        #expect(BankAmountText.read("CNY13.50") == .init(minor: 1_350, currency: "CNY"))
        #expect(BankAmountText.read("1,234.00 USD") == .init(minor: 123_400, currency: "USD"))
        #expect(BankAmountText.read("+10000.00") == .init(minor: 1_000_000, currency: nil))
        #expect(BankAmountText.read("-16,064.73          \t") == .init(minor: -1_606_473, currency: nil))
        #expect(BankAmountText.read("¥1,234.5") == .init(minor: 123_450, currency: nil))
        #expect(BankAmountText.read("50.00元") == .init(minor: 5_000, currency: nil))
        #expect(BankAmountText.read("12.345") == nil)
        #expect(BankAmountText.read("xx,yyyy.zz") == nil)
        #expect(BankAmountText.read("CNY") == nil)
    }

    @Test func datePatterns() throws {
        let ymd = try #require(BankDatePattern("yyyyMMdd"))
        #expect(ymd.read("20240103") == .init(year: 2024, month: 1, day: 3))
        #expect(ymd.read("2024013") == nil)
        let monthDay = try #require(BankDatePattern("MM/dd"))
        #expect(!monthDay.hasYear)
        #expect(monthDay.read("12/29") == .init(month: 12, day: 29))
        let dateTime = try #require(BankDatePattern("yyyy-M-d H:mm:ss"))
        #expect(dateTime.read("2023-2-12 21:32:14") == .init(year: 2023, month: 2, day: 12, seconds: 77_534))
        #expect(dateTime.read("2023-02-12 24:00:00") == nil)
        #expect(BankDatePattern("yyyy年M月d日")?.read("2025年1月6日") == .init(year: 2025, month: 1, day: 6))
        #expect(BankDatePattern("HHmmss")?.read("123456")?.seconds == 45_296)
        #expect(BankDatePattern("yyyy-QQ") == nil)
    }

    @Test func excelSerialDates() {
        #expect(ExcelSerialDate.text("45658") == "2025-01-01")
        #expect(ExcelSerialDate.text("45658.5") == "2025-01-01 12:00:00")
        #expect(ExcelSerialDate.text("0.75", timeOnly: true) == "18:00:00")
        #expect(ExcelSerialDate.text("1") == "1900-01-01")
        #expect(ExcelSerialDate.text("59") == "1900-02-28")
        #expect(ExcelSerialDate.text("60") == nil)   // Excel's 1900-02-29
        #expect(ExcelSerialDate.text("61") == "1900-03-01")
        #expect(ExcelSerialDate.text("0", date1904: true) == "1904-01-01")
        #expect(ExcelSerialDate.text("45658.99999999") == "2025-01-02")
        #expect(ExcelSerialDate.text("abc") == nil)
    }

    @Test func spreadsheetNumbersLoseFloatingPointNoise() {
        #expect(XLSXWorksheetParser.roundedToExcelPrecision("1234.5599999999999") == "1234.56")
        #expect(XLSXWorksheetParser.roundedToExcelPrecision("0.10000000000000001") == "0.1")
        #expect(XLSXWorksheetParser.roundedToExcelPrecision("50000.00") == "50000")
        #expect(XLSXWorksheetParser.roundedToExcelPrecision("6222021234567890123") == "6222021234567890123")
        #expect(XLSXWorksheetParser.roundedToExcelPrecision("1.5E-3") == "0.0015")
        #expect(XLSXWorksheetParser.roundedToExcelPrecision("-326.18") == "-326.18")
    }

    @Test func worksheetCellsAsText() throws {
        // Shared and inline strings, a rich-text run, an escaped character, a date-styled number, a
        // time-styled number, a bare number, a boolean and a sparse row.
        let styles = XLSXSheetReader.dateStyles(try XLSXPartScanner.scan(Data(#"""
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="1"><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="21"/><xf numFmtId="165"/></cellXfs>
        </styleSheet>
        """#.utf8)).get())
        #expect(styles.dateStyles == [1, 3] && styles.timeStyles == [2])
        let shared = try XLSXSharedStringsParser.parse(Data(#"""
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>交易日期</t></si>
        <si><r><t>陈</t></r><r><t>志强</t></r><rPh><t>チン</t></rPh></si></sst>
        """#.utf8)).get()
        #expect(shared == ["交易日期", "陈志强"])
        let sheet = #"""
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>a_x005F_x0041_b</t></is></c></row>
        <row r="5"><c r="A5" s="1"><v>45658</v></c><c r="B5" s="2"><v>0.5</v></c><c r="C5" s="3"><v>45659.25</v></c>
        <c r="D5"><v>1234.5599999999999</v></c><c r="E5" t="b"><v>1</v></c><c r="F5" t="s"><v>1</v></c></row>
        </sheetData></worksheet>
        """#
        let rows = try XLSXWorksheetParser.parse(Data(sheet.utf8), sharedStrings: shared, styles: styles).get()
        #expect(rows == [
            CSVRecord(line: 2, fields: ["交易日期", "", "a_x0041_b"]),
            CSVRecord(line: 5, fields: ["2025-01-01", "12:00:00", "2025-01-02 06:00:00", "1234.56", "TRUE", "陈志强"]),
        ])
        let broken = #"<worksheet><sheetData><row r="3"><c r="B3" t="s"><v>7</v></c></row></sheetData></worksheet>"#
        guard case .failure(let failure) = XLSXWorksheetParser.parse(Data(broken.utf8), sharedStrings: shared, styles: styles) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.row == 3 && failure.message.contains("column B"))
    }

    @Test func spreadsheetSerialDatesInAnUnstyledColumn() throws {
        // A workbook whose date column holds bare serial numbers (no date style), as some exports write it.
        let sheet = XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: "明细", header: ["账号：80020001234567890"], rows: [
            ["交易日期", "交易时间", "交易流水号", "借方发生额", "贷方发生额", "余额", "对方户名", "对方账号", "摘要", "用途"].map { .text($0) },
            [.integer(45_659), .text("09:00:00"), .text("S1"), .empty, .decimal(fen: 12_345), .decimal(fen: 112_345), .text("县财政局"),
             .text("4405"), .text("转账"), .text("补助")],
        ])])
        let statement = try #require(try BankProfileReader.parse(try sheet.data(), fileName: "s.xlsx",
                                                                 profile: try Self.profile("rcb-corporate")).first)
        #expect(statement.account == "80020001234567890")
        #expect(statement.transactions == [ParsedTransaction(
            bookedOn: CalendarDate(year: 2025, month: 1, day: 2)!, amountMinor: 12_345, currency: "CNY", counterpartyName: "县财政局",
            counterpartyAccount: "4405", reference: "S1", description: "转账 补助")])
        #expect(statement.openingBalance?.amountMinor == 100_000)
    }
}
