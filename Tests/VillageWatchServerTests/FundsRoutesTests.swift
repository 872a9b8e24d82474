import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
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
        account_number,transaction_id,booked_at,amount,balance
        80020000011111,T1,2026-09-01 09:30:00,500.00,1500.00
        80020000011111,T2,2026-10-01 09:30:00,-100.00,1300.00
        80020000033333,T1,2026-09-01 09:30:00,700.00,700.00
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
