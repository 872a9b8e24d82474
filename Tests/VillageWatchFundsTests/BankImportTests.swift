import Foundation
import SQLKit
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchTestSupport
@testable import VillageWatchFunds

/// Collective accounts and their flows through the one import pipeline, on both engines.
@Suite struct BankImportTests {
    static let accounts = """
        account_number,account_name,bank,area_code,opened_on,purpose
        80020000011111,雷州市白沙镇白沙村民委员会,雷州农商银行,\(TestWorld.villageA),2019-03-01,村集体资金
        80020000022222,陈屋村民小组,雷州农商银行,\(TestWorld.groupA),2019-03-01,小组资金
        80020000033333,雷州市沈塘镇孟山村民委员会,雷州农商银行,\(TestWorld.villageB),2019-03-01,村集体资金
        """
    static let transactions = """
        account_number,transaction_id,booked_at,amount,balance,counterparty_account,counterparty_name,counterparty_bank,channel,summary,purpose
        80020000011111,T0001,2026-09-01 09:30:00,"50,000.00",150000.00,60010001,雷州市财政局,国库,转账,转移支付,村级组织运转经费
        80020000011111,T0002,2026-09-05 14:00:00,-3200.00,146800.00,62170000123,陈志强,雷州农商银行,转账,误工补贴,8月误工补贴
        80020000011111,T0003,2026-10-10 10:00:00,-800.00,140000.00,,,,现金,取现,办公用品
        """

    func run(_ db: Database, _ dataset: String, _ text: String) async throws -> ImportReport {
        try await ImportPipeline(database: db).run(any: try Platform.dataset(named: dataset), file: try temporaryCSV("\(dataset).csv", text),
                                                   options: ImportOptions(), by: .system)
    }

    @Test(arguments: TestEngine.available)
    func flowsImportIdempotentlyAndBalanceGapsAreReported(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            #expect(try await run(db, "bank-accounts", Self.accounts).outcome == .committed)
            let first = try await run(db, "bank-transactions", Self.transactions)
            #expect(first.outcome == .committed && first.rowsInserted == 3)
            // 146,800.00 − 800.00 = 146,000.00, but the bank says 140,000.00: 6,000 went out unseen.
            #expect(first.warnings.count == 1)
            #expect(first.warnings.first?.reason.contains("2026-10") == true && first.warnings.first?.reason.contains("-6,000.00") == true)
            let again = try await run(db, "bank-transactions", Self.transactions)
            #expect(again.outcome == .unchanged && again.rowsUnchanged == 3)
            let stored = try await db.read {
                try await $0.select().columns("amount_fen", "booked_at", "booked_on", "area_code").from("bank_transactions")
                    .where("transaction_id", .equal, "T0001").first()
            }
            #expect(try stored?.decode(column: "amount_fen", as: Int64.self) == 5_000_000)
            #expect(try stored?.decode(column: "booked_at", as: String.self) == "2026-09-01T01:30:00Z")
            #expect(try stored?.decode(column: "booked_on", as: String.self) == "2026-09-01")
            #expect(try stored?.decode(column: "area_code", as: String.self) == TestWorld.villageA)
        }
    }

    /// Rows reach the database as one JSON text a batch: quotes, backslashes, tabs, line
    /// breaks and characters beyond the basic plane must come back exactly as written.
    @Test(arguments: TestEngine.available)
    func awkwardTextIsStoredExactly(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            _ = try await run(db, "bank-accounts", Self.accounts)
            let summary = "他说\"\"好\"\" \\ 路径\t制表\n换行 😀"
            let report = try await run(db, "bank-transactions", """
                account_number,transaction_id,booked_at,amount,summary
                80020000011111,"T""1\\",2026-09-01 09:30:00,100.00,"\(summary)"
                """)
            #expect(report.outcome == .committed)
            let stored = try await db.read { try await $0.select().columns("transaction_id", "summary").from("bank_transactions").first() }
            #expect(try stored?.decode(column: "transaction_id", as: String.self) == "T\"1\\")
            #expect(try stored?.decode(column: "summary", as: String.self) == "他说\"好\" \\ 路径\t制表\n换行 😀")
            #expect(try await run(db, "bank-transactions", """
                account_number,transaction_id,booked_at,amount,summary
                80020000011111,"T""1\\",2026-09-01 09:30:00,100.00,"\(summary)"
                """).outcome == .unchanged)
        }
    }

    @Test(arguments: TestEngine.available)
    func badFlowsAreNamedAndNothingIsStored(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            _ = try await run(db, "bank-accounts", Self.accounts)
            let bad = try await run(db, "bank-transactions", """
                account_number,transaction_id,booked_at,amount
                80020000011111,T0001,2026-09-01 09:30:00,100.00
                99999999,T0002,2026-09-01 09:30:00,100.00
                80020000011111,T0003,2026-09-31 09:30:00,100.00
                80020000011111,T0004,2026-09-01 09:30:00,12.345
                80020000011111,T0005,2026-09-01 09:30:00,0
                """)
            #expect(bad.outcome == .rejected)
            #expect(bad.problems.map(\.line) == [3, 4, 5, 6])
            #expect(bad.problems.map(\.field) == ["account_number", "booked_at", "amount", "amount"])
            #expect(try await rowCount(db, "bank_transactions") == 0)
            let accounts = try await run(db, "bank-accounts", "account_number,account_name,bank,area_code\n8002,x,y,440882101200009")
            #expect(accounts.problems.first?.field == "area_code")
        }
    }

    @Test func balanceContinuityFindsGapsOnly() {
        let entries = [
            BalanceContinuity.Entry(transactionID: "1", bookedOn: "2026-01-03", amountFen: 100, balanceFen: 1_100),
            BalanceContinuity.Entry(transactionID: "2", bookedOn: "2026-01-04", amountFen: -50, balanceFen: nil),
            BalanceContinuity.Entry(transactionID: "3", bookedOn: "2026-02-01", amountFen: -50, balanceFen: 1_000),
            BalanceContinuity.Entry(transactionID: "4", bookedOn: "2026-03-01", amountFen: 10, balanceFen: 2_010),
        ]
        let alerts = BalanceContinuity.check(account: "A", entries)
        #expect(alerts == [BalanceContinuity.Alert(account: "A", month: "2026-03", transactionID: "4", expectedFen: 1_010, foundFen: 2_010)])
        #expect(alerts[0].differenceFen == 1_000)
    }

    @Test func dateTimesAreChinaStandardTimeUnlessAnOffsetIsGiven() {
        #expect(ChinaDateTime.parse("2026-09-01 09:30:00").map(Timestamp.utc) == "2026-09-01T01:30:00Z")
        #expect(ChinaDateTime.parse("2026/09/01 09:30").map(Timestamp.utc) == "2026-09-01T01:30:00Z")
        #expect(ChinaDateTime.parse("2026-09-01T09:30:00+00:00").map(Timestamp.utc) == "2026-09-01T09:30:00Z")
        #expect(ChinaDateTime.parse("2026-09-01 25:00:00") == nil && ChinaDateTime.parse("yesterday") == nil)
        #expect(ChinaDateTime.parse("2026-02-29 10:00:00") == nil && ChinaDateTime.parse("2026-09-01 23:60:00") == nil)
        #expect(ChinaDateTime.epochSeconds("2024-02-29 23:59:59") == 1_709_222_399)
        #expect(ChinaDateTime.epochSeconds(" 2024-02-29 23:59:59 ") == 1_709_222_399)
    }

    @Test func bankFeedSignaturesRefuseTamperingStalenessAndMissingHeaders() throws {
        let secret = Data("per-bank-secret".utf8), body = Data(#"{"transactions":[]}"#.utf8)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let nonce = "0123456789abcdef"
        let signature = BankFeedSignature.sign(secret: secret, timestamp: 1_795_000_000, nonce: nonce, body: body)
        try BankFeedSignature.verify(secret: secret, timestamp: "1795000000", nonce: nonce, signature: signature, body: body, now: now)
        #expect(throws: BankFeedSignature.Refusal.badSignature) {
            try BankFeedSignature.verify(secret: secret, timestamp: "1795000000", nonce: nonce, signature: signature, body: Data("{}".utf8), now: now)
        }
        #expect(throws: BankFeedSignature.Refusal.badSignature) {
            try BankFeedSignature.verify(secret: secret, timestamp: "1795000000", nonce: "fedcba9876543210", signature: signature, body: body, now: now)
        }
        #expect(throws: BankFeedSignature.Refusal.stale(seconds: 301)) {
            try BankFeedSignature.verify(secret: secret, timestamp: "1795000000", nonce: nonce, signature: signature, body: body, now: now.addingTimeInterval(301))
        }
        #expect(throws: BankFeedSignature.Refusal.missingHeader("X-VW-Signature")) {
            try BankFeedSignature.verify(secret: secret, timestamp: "1795000000", nonce: nonce, signature: nil, body: body, now: now)
        }
    }
}

/// Statements in other formats go through the same pipeline after a strict parse.
@Suite struct StatementImportTests {
    @Test(arguments: TestEngine.available)
    func aBankExportImportsOnceAndAnUnbalancedStatementIsRecordedAsRejected(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let pipeline = ImportPipeline(database: db)
            _ = try await pipeline.run(any: BankAccountsDataset(), file: try temporaryCSV("a.csv", """
                account_number,account_name,bank,area_code
                80020001234567890,白沙村民委员会,雷州农商银行,\(TestWorld.villageA)
                NL26VAYB8060476890,test,bank,\(TestWorld.villageA)
                """), options: ImportOptions(), by: .system)
            let xlsx = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rcb-corporate-sample.xlsx")
            let first = try await StatementImport.run(file: xlsx, profile: nil, account: nil, options: ImportOptions(), pipeline: pipeline, by: .system)
            #expect(first.outcome == .committed && first.rowsInserted == 12)
            let again = try await StatementImport.run(file: xlsx, profile: nil, account: nil, options: ImportOptions(), pipeline: pipeline, by: .system)
            #expect(again.outcome == .unchanged && again.rowsUnchanged == 12)
            let camt = try SharedData.file("data/bank-statements/camt053/camt053.v2.minimal.xml")
            let rejected = try await StatementImport.run(file: camt, profile: nil, account: nil, options: ImportOptions(), pipeline: pipeline, by: .system)
            #expect(rejected.outcome == .rejected && rejected.problems.first?.reason.contains("balances do not add up") == true)
            #expect(try await rowCount(db, "bank_transactions") == 12)
            let outcomes = try await db.read { try await $0.select().column("outcome").from("imports").where("dataset", .equal, "bank-transactions")
                .orderBy("id").all(decodingColumn: "outcome", as: String.self) }
            #expect(outcomes == ["committed", "unchanged", "rejected"])
        }
    }

    @Test func repeatedReferencesGetStableDistinctIDs() throws {
        let day = CalendarDate(year: 2026, month: 10, day: 1)!
        let statement = ParsedStatement(account: "A", currency: "CNY", transactions: [
            ParsedTransaction(bookedOn: day, amountMinor: 100, currency: "CNY", reference: "N"),
            ParsedTransaction(bookedOn: day, amountMinor: 100, currency: "CNY", reference: "N"),
            ParsedTransaction(bookedOn: day, amountMinor: -5, currency: "CNY", reference: "UNIQUE"),
        ])
        let rows = try StatementImport.rows([statement], fileName: "s.sta", account: nil)
        #expect(rows.map { $0[1] } == ["2026-10-01/100/N/1", "2026-10-01/100/N/2", "UNIQUE"])
        #expect(rows.map { $0[3] } == ["1.00", "1.00", "-0.05"])
        #expect(throws: StatementParseError.self) {
            try StatementImport.rows([ParsedStatement(account: "", currency: "CNY")], fileName: "s.csv", account: nil)
        }
    }
}
