import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchFunds
import VillageWatchPublications
import VillageWatchServer
import VillageWatchTestSupport

/// A village's public funds page and the monthly finance statement from preparation to the
/// public reconciliation.
@Suite struct PublicFundsTests {
    static let accounts = """
        account_number,account_name,bank,area_code
        80020000011111,白沙村股份经济合作社,雷州农商银行,\(TestWorld.villageA)
        80020000012222,陈屋村民小组,雷州农商银行,\(TestWorld.groupA)
        80020000033333,孟山村股份经济合作社,雷州农商银行,\(TestWorld.villageB)
        """
    static let flows = """
        account_number,transaction_id,booked_at,amount,balance,counterparty_account,counterparty_name,summary
        80020000011111,T1,2026-09-01 09:30:00,5000.00,15000.00,440001,雷州市财政局,村级组织运转经费
        80020000011111,T2,2026-10-02 09:30:00,-800.00,14200.00,6228480012345678,陈志强,10月误工补贴
        80020000011111,T3,2026-10-08 10:00:00,2400.00,16600.00,6228480087654321,林海,林海鱼塘承包费
        80020000012222,G1,2026-10-09 11:00:00,-1200.00,3800.00,44002,雷州市安达建筑工程有限公司,村道硬化工程进度款
        80020000033333,B1,2026-10-03 09:00:00,9900.00,9900.00,440001,雷州市财政局,转移支付
        """

    func load(_ web: WebFixture) async throws {
        let pipeline = ImportPipeline(database: web.database)
        for (name, text) in [("bank-accounts", Self.accounts), ("bank-transactions", Self.flows)] {
            let report = try await pipeline.run(any: try Platform.dataset(named: name), file: try temporaryCSV("\(name).csv", text),
                                                options: ImportOptions(), by: .system)
            #expect(report.outcome == .committed, "\(report.problems)")
        }
    }

    @Test func theVillagePageShowsFlowsWithPeopleMasked() async throws {
        try await WebFixture.run { web in
            try await load(web)
            var visitor = Browser(client: web.client)
            let page = try await visitor.get("/areas/\(TestWorld.villageA)/funds?month=2026-10")
            #expect(page.status == .ok)
            let html = page.bodyText
            #expect(html.contains("<b class=\"ok\">2,400.00</b>") && html.contains("<b>2,000.00</b>"), "October: in 2,400, out 800 + 1,200 (group included)")
            #expect(html.contains("<li>期初余额<b>20,000.00</b>") && html.contains("<li>期末余额<b>20,400.00</b>"))
            #expect(html.contains("陈*强") && html.contains("****5678") && html.contains("林*鱼塘承包费"))
            #expect(!html.contains("陈志强") && !html.contains("6228480012345678") && !html.contains("林海"), "no individual in full")
            #expect(html.contains("雷州市安达建筑工程有限公司") && html.contains("44002"), "organisations in full")
            #expect(html.contains("<svg") && html.contains("<title>发包收入 2,400.00</title>") && html.contains("class=\"chart flow\""))
            #expect(html.contains("本月财务收支尚未公开"))
            #expect(!html.contains("转移支付</td><td>9,900.00"), "village B's money is not on A's page")

            let wages = try await visitor.get("/areas/\(TestWorld.villageA)/funds?month=2026-10&category=wages")
            #expect(wages.bodyText.contains("10月误工补贴") && !wages.bodyText.contains("工程进度款</td>"))
            let group = try await visitor.get("/areas/\(TestWorld.groupA)/funds?month=2026-10")
            #expect(group.status == .ok && group.bodyText.contains("工程进度款") && !group.bodyText.contains("误工补贴</td>"))
            #expect(try await visitor.get("/areas/\(TestWorld.townA)/funds").status == .notFound)
            let area = try await visitor.get("/areas/\(TestWorld.villageA)")
            #expect(area.bodyText.contains("2 个集体账户，余额合计 <b>20,400.00</b>"))

            let csv = try await visitor.get("/areas/\(TestWorld.villageA)/funds/download?format=csv&month=2026-10")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.bodyText.hasPrefix("\u{FEFF}记账日期,本方账户,金额（元）,类别,对方,对方账户,摘要"))
            #expect(csv.bodyText.contains("2026-10-02,80020000011111,-800.00,工资及误工补贴,陈*强,****5678,10月误工补贴"))
            #expect(!csv.bodyText.contains("陈志强") && !csv.bodyText.contains("林海"))
            let xlsx = try await visitor.get("/areas/\(TestWorld.villageA)/funds/download?format=xlsx&month=2026-10")
            #expect(xlsx.status == .ok && xlsx.headers[.contentDisposition]?.contains(".xlsx") == true)
        }
    }

    @Test func aStatementIsCorrectedSignedOffAndReconciledInPublic() async throws {
        try await WebFixture.run { web in
            try await load(web)
            var clerk = try await web.signIn("clerk-a")
            let overview = try await clerk.get("/admin/funds/statements")
            #expect(overview.status == .ok && overview.bodyText.contains("2026年10月") && overview.bodyText.contains("未编制"))
            let form = try await clerk.get("/admin/funds/statements/\(TestWorld.villageA)/2026-10")
            #expect(form.bodyText.contains("name=\"amount[wages]\" value=\"800.00\""))
            let path = "/admin/funds/statements/\(TestWorld.villageA)/2026-10"
            let refused = try await clerk.post(path, form: ["csrf": clerk.csrf, "amount[wages]": "500"])
            #expect(refused.status == .unprocessableContent && refused.bodyText.contains("工资及误工补贴：金额与银行流水（800.00 元）不同，须说明理由"))
            let unreadable = try await clerk.post(path, form: ["csrf": clerk.csrf, "amount[office]": "一百"])
            #expect(unreadable.status == .unprocessableContent && unreadable.bodyText.contains("办公支出：金额“一百”无法识别"))
            #expect(try await clerk.get("/admin/funds/statements/\(TestWorld.villageA)/2026-13").status == .notFound)
            #expect(try await clerk.get("/admin/funds/statements/\(TestWorld.groupA)/2026-10").status == .notFound, "statements are per village")
            let saved = try await clerk.post(path, form: ["csrf": clerk.csrf, "amount[wages]": "500", "reason[wages]": "300 元为代垫，已退回"])
            #expect(saved.status == .seeOther)
            let id = try #require(saved.headers[.location].flatMap { Int64($0.split(separator: "/").last ?? "") })
            let version = try #require(try await web.database.read { try await PublicationReader($0).versions(of: id) }.first)
            #expect(version.title == "2026年10月财务收支公开" && version.bodyHTML.contains("已更正：300 元为代垫，已退回"))
            var visitor = Browser(client: web.client)
            #expect(try await visitor.get("/areas/\(TestWorld.villageA)/funds?month=2026-10").bodyText.contains("本月财务收支尚未公开"), "drafts are not public")

            _ = try await clerk.get("/admin/publications/\(id)")
            #expect(try await clerk.post("/admin/publications/versions/\(version.id)/submit", form: ["csrf": clerk.csrf]).status == .seeOther)
            var committee = try await web.signIn("committee-a")
            _ = try await committee.get("/admin/publications/\(id)")
            #expect(try await committee.post("/admin/publications/versions/\(version.id)/sign-off", form: ["csrf": committee.csrf]).status == .seeOther)

            let publicPage = try await visitor.get("/areas/\(TestWorld.villageA)/funds?month=2026-10").bodyText
            #expect(publicPage.contains("本月公开的财务收支与银行流水不一致"))
            #expect(publicPage.contains("<td>工资及误工补贴</td><td>500.00</td><td>800.00</td><td><span class=\"tag bad\">-300.00</span>"))
            #expect(publicPage.contains("/publications/\(id)"))
            var town = try await web.signIn("town-a")
            #expect(try await town.get("/admin/funds/statements?area=\(TestWorld.villageA)").bodyText.contains("1 项不一致"))
            let townPage = try await town.get("/admin/funds/statements?area=\(TestWorld.townA)&month=2026-10").bodyText
            #expect(townPage.contains("2025-11—2026-10"))
            #expect(townPage.contains("白沙村委会</a></td><td><span class=\"tag bad\">2026-10</span></td>\n<td><span class=\"tag bad\">2026-09</span>"),
                    "October disagrees; September moved money and was never published")
            #expect(!townPage.contains("<span class=\"tag bad\"></span>"))

            let again = try await clerk.post(path, form: ["csrf": clerk.csrf, "amount[wages]": "800"])
            #expect(again.status == .unprocessableContent && again.bodyText.contains("更正须说明理由"), "after publication a change is an amendment")
            #expect(try await clerk.post(path, form: ["csrf": clerk.csrf, "amount[wages]": "800", "amendment": "代垫款已入账，按银行流水更正"]).status == .seeOther)
            let versions = try await web.database.read { try await PublicationReader($0).versions(of: id) }
            #expect(versions.count == 2 && versions[1].reason == "代垫款已入账，按银行流水更正")
        }
    }

    @Test func statementsStayInsideTheVillage() async throws {
        try await WebFixture.run { web in
            try await load(web)
            let path = "/admin/funds/statements/\(TestWorld.villageA)/2026-10"
            var clerkB = try await web.signIn("clerk-b")
            #expect(try await clerkB.get(path).status == .forbidden)
            #expect(try await clerkB.get("/admin/funds/statements?area=\(TestWorld.villageA)").status == .forbidden)
            _ = try await clerkB.get("/admin/funds/statements")
            #expect(try await clerkB.post(path, form: ["csrf": clerkB.csrf, "amount[wages]": "1"]).status == .forbidden)
            var committee = try await web.signIn("committee-a")
            let view = try await committee.get(path)
            #expect(view.status == .ok && !view.bodyText.contains("name=\"amount[wages]\""), "the committee reviews; it does not prepare")
            _ = try await committee.get("/admin/funds/statements")
            #expect(try await committee.post(path, form: ["csrf": committee.csrf, "amount[wages]": "1"]).status == .forbidden)
            var department = try await web.signIn("minzheng")
            #expect(try await department.get(path).status == .forbidden)
            var commission = try await web.signIn("commission")
            let county = try await commission.get("/admin/funds/statements")
            #expect(county.status == .ok && county.bodyText.contains("财务公开按村编制和核对"))
            #expect(try await commission.get(path).status == .ok)
        }
    }
}
