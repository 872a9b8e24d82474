import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchFunds
import VillageWatchServer
import VillageWatchTestSupport

/// The collective accounts page: balances and balance gaps inside the user's area only.
@Suite struct FundsRoutesTests {
    static let accounts = """
        account_number,account_name,bank,area_code
        80020000011111,白沙村民委员会,雷州农商银行,\(TestWorld.villageA)
        80020000033333,孟山村民委员会,雷州农商银行,\(TestWorld.villageB)
        """
    static let flows = """
        account_number,transaction_id,booked_at,amount,balance,counterparty_name
        80020000011111,T1,2026-09-01 09:30:00,500.00,1500.00,
        80020000011111,T2,2026-10-01 09:30:00,-100.00,1300.00,陈志强
        80020000033333,T1,2026-09-01 09:30:00,700.00,700.00,
        """

    func load(_ web: WebFixture) async throws {
        let pipeline = ImportPipeline(database: web.database)
        for (name, text) in [("bank-accounts", Self.accounts), ("bank-transactions", Self.flows)] {
            let report = try await pipeline.run(any: try Platform.dataset(named: name), file: try temporaryCSV("\(name).csv", text),
                                                options: ImportOptions(), by: .system)
            #expect(report.outcome == .committed)
        }
    }

    @Test func accountsAndGapsStayInsideTheArea() async throws {
        try await WebFixture.run { web in
            try await load(web)
            var clerk = try await web.signIn("clerk-a")
            let own = try await clerk.get("/admin/funds")
            #expect(own.status == .ok)
            #expect(own.bodyText.contains("80020000011111") && own.bodyText.contains("1,300.00"))
            #expect(own.bodyText.contains("2026-10 交易 T2 后余额不符，差 ¥-100.00"), "1,500 − 100 should be 1,400; the bank says 1,300")
            #expect(!own.bodyText.contains("80020000033333"))
            #expect(try await clerk.get("/admin/funds?area=\(TestWorld.villageB)").status == .forbidden)
            #expect(try await clerk.get("/admin/funds?area=\(TestWorld.townA)").status == .forbidden)
            var town = try await web.signIn("town-b")
            let townPage = try await town.get("/admin/funds")
            #expect(townPage.bodyText.contains("80020000033333") && !townPage.bodyText.contains("80020000011111"))
            var department = try await web.signIn("minzheng")
            #expect(try await department.get("/admin/funds").status == .forbidden)
        }
    }
}

/// The bank push feed: signed, fresh, never replayed, validated like a file.
@Suite struct BankFeedTests {
    func post(_ web: WebFixture, client: String, secret: Data, body: String, nonce: String, timestamp: Int? = nil,
              signature: String? = nil) async throws -> (status: HTTPResponse.Status, body: String) {
        let now = timestamp ?? Int(Date().timeIntervalSince1970)
        let data = Data(body.utf8)
        let signed = signature ?? BankFeedSignature.sign(secret: secret, timestamp: now, nonce: nonce, body: data)
        let response = try await web.client.execute(uri: "/api/v1/bank-feed/transactions", method: .post, headers: [
            .contentType: "application/json", .init("X-VW-Client")!: client, .init("X-VW-Timestamp")!: String(now),
            .init("X-VW-Nonce")!: nonce, .init("X-VW-Signature")!: signed,
        ], body: ByteBuffer(bytes: data))
        return (response.status, String(buffer: response.body))
    }

    @Test func aRegisteredBankPushesOnceAndEverythingElseIsRefused() async throws {
        try await WebFixture.run { web in
            try await FundsRoutesTests().load(web)
            let secret = Data(base64Encoded: try await web.platform.bankClients.add(name: "leizhou-rcb", by: .system))!
            let body = #"{"transactions":[{"account_number":"80020000011111","transaction_id":"P1","booked_at":"2026-10-02 10:00:00","amount":"-200.00","balance":"1100.00","counterparty_name":"雷州市某建材店","summary":"材料款"}]}"#
            let first = try await post(web, client: "leizhou-rcb", secret: secret, body: body, nonce: "nonce-0000000001")
            #expect(first.status == .ok && first.body.contains(#""inserted":1"#))
            let replay = try await post(web, client: "leizhou-rcb", secret: secret, body: body, nonce: "nonce-0000000001")
            #expect(replay.status == .conflict)
            let again = try await post(web, client: "leizhou-rcb", secret: secret, body: body, nonce: "nonce-0000000002")
            #expect(again.status == .ok && again.body.contains(#""outcome":"unchanged""#))
            let forged = try await post(web, client: "leizhou-rcb", secret: Data("wrong".utf8), body: body, nonce: "nonce-0000000003")
            #expect(forged.status == .unauthorized)
            let stale = try await post(web, client: "leizhou-rcb", secret: secret, body: body, nonce: "nonce-0000000004",
                                       timestamp: Int(Date().timeIntervalSince1970) - 600)
            #expect(stale.status == .unauthorized && stale.body.contains("timestamp"))
            let stranger = try await post(web, client: "someone", secret: secret, body: body, nonce: "nonce-0000000005")
            #expect(stranger.status == .unauthorized)
            let bad = #"{"transactions":[{"account_number":"99999","transaction_id":"P2","booked_at":"2026-10-02 10:00:00","amount":"5.00"}]}"#
            let rejected = try await post(web, client: "leizhou-rcb", secret: secret, body: bad, nonce: "nonce-0000000006")
            #expect(rejected.status == .unprocessableContent && rejected.body.contains(#""entry":1"#) && rejected.body.contains("account_number"))
            #expect(try await rowCount(web.database, "bank_transactions") == 4)
            let audit = try await web.database.read { try await AuditLog.recent($0, limit: 20) }
            #expect(audit.contains { $0.actor == "bank:leizhou-rcb" && $0.action == "import.committed" })
        }
    }
}

/// A village clerk uploads the bank's statement from the back office.
@Suite struct StatementUploadTests {
    @Test func aClerkUploadsTheirOwnAccountsStatementOnly() async throws {
        try await WebFixture.run { web in
            _ = try await ImportPipeline(database: web.database).run(any: BankAccountsDataset(), file: try temporaryCSV("a.csv", """
                account_number,account_name,bank,area_code
                80020001234567890,孟山村民委员会,雷州农商银行,\(TestWorld.villageB)
                """), options: ImportOptions(), by: .system)
            let csv = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("VillageWatchFundsTests/Fixtures/rcb-corporate-sample.csv"), encoding: .init(rawValue: 0x80000632))
            var clerkA = try await web.signIn("clerk-a")
            _ = try await clerkA.get("/admin/imports/new")
            let refused = try await clerkA.upload("/admin/imports", fields: ["csrf": clerkA.csrf, "dataset": "bank-transactions"],
                                                  fileName: "statement.csv", file: csv)
            #expect(refused.status == .unprocessableContent && refused.bodyText.contains("不在您的管辖范围内"))
            var clerkB = try await web.signIn("clerk-b")
            _ = try await clerkB.get("/admin/imports/new")
            let accepted = try await clerkB.upload("/admin/imports", fields: ["csrf": clerkB.csrf, "dataset": "bank-transactions"],
                                                   fileName: "statement.csv", file: csv)
            #expect(accepted.status == .ok && accepted.bodyText.contains("committed"))
            #expect(try await rowCount(web.database, "bank_transactions") == 12)
        }
    }
}

/// The clerk corrects a category on their own account, audited; nobody else can.
@Suite struct CategoryOverrideTests {
    @Test func onlyTheVillagesClerkRecategorisesItsFlows() async throws {
        try await WebFixture.run { web in
            try await FundsRoutesTests().load(web)
            var clerk = try await web.signIn("clerk-a")
            let page = try await clerk.get("/admin/funds/accounts/80020000011111")
            #expect(page.status == .ok && page.bodyText.contains("其他收入") && page.bodyText.contains("更正类别"))
            #expect(page.bodyText.contains("本村干部（党支部书记，按姓名匹配）"), "money out to a cadre of the village is flagged")
            let wrongSide = try await clerk.post("/admin/funds/accounts/80020000011111/transactions/T1/category",
                                                 form: ["csrf": clerk.csrf, "category": "works", "reason": "x"])
            #expect(wrongSide.status == .unprocessableContent && wrongSide.bodyText.contains("支出类别"))
            let done = try await clerk.post("/admin/funds/accounts/80020000011111/transactions/T1/category",
                                            form: ["csrf": clerk.csrf, "category": "lease-income", "reason": "鱼塘承包费，银行摘要漏写"])
            #expect(done.status == .seeOther)
            #expect(try await clerk.get("/admin/funds/accounts/80020000011111").bodyText.contains("已更正：鱼塘承包费"))
            let audit = try await web.database.read { try await AuditLog.recent($0, limit: 5) }
            #expect(audit.contains { $0.actor == "user:clerk-a" && $0.action == "funds.category" && $0.after?.contains("lease-income") == true })

            var clerkB = try await web.signIn("clerk-b")
            #expect(try await clerkB.get("/admin/funds/accounts/80020000011111").status == .forbidden)
            _ = try await clerkB.get("/admin/funds")
            #expect(try await clerkB.post("/admin/funds/accounts/80020000011111/transactions/T1/category",
                                          form: ["csrf": clerkB.csrf, "category": "other-income", "reason": "x"]).status == .forbidden)
            var town = try await web.signIn("town-a")
            let townView = try await town.get("/admin/funds/accounts/80020000011111")
            #expect(townView.status == .ok && !townView.bodyText.contains("更正类别"))
            #expect(try await town.post("/admin/funds/accounts/80020000011111/transactions/T1/category",
                                        form: ["csrf": town.csrf, "category": "other-income", "reason": "x"]).status == .forbidden)
        }
    }
}
