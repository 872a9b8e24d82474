import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchSupervision
import VillageWatchTestSupport

/// The findings desk: who sees which village's findings, and a finding's page explaining itself.
@Suite struct SupervisionRoutesTests {
    static let finding = Finding(code: .benDeceased, villageCode: TestWorld.villageA,
                                 subject: [("id_number", .text(TestWorld.villagerA)), ("payment_id", .text("P1"))], amountFen: 41_000,
                                 evidence: [("death_date", .text("2026-07-02")), ("period", .text("2026-08")), ("program_code", .text("DIBAO")),
                                            ("link_basis", .text("one-digit")), ("linked_id_number", .text(TestWorld.villagerA))])

    @Test func findingsStayInsideTheAreaAndExplainThemselves() async throws {
        try await WebFixture.run { web in
            _ = try await FindingStore(database: web.database).record([Self.finding], area: AreaCode(TestWorld.villageA)!, codes: [.benDeceased], by: .system)
            var town = try await web.signIn("town-a")
            let list = try await town.get("/admin/supervision/findings")
            #expect(list.status == .ok && list.bodyText.contains("死亡人员仍领取补贴") && list.bodyText.contains("410.00"))
            let id = try #require(list.bodyText.range(of: #"/admin/supervision/findings/(\d+)""#, options: .regularExpression)
                .map { String(list.bodyText[$0].dropFirst(28).dropLast()) })
            let page = try await town.get("/admin/supervision/findings/\(id)")
            #expect(page.status == .ok)
            #expect(page.bodyText.contains("补贴发放期间晚于领取人的死亡月份。"))
            #expect(page.bodyText.contains("<th>死亡日期</th><td>2026-07-02</td>"))
            #expect(page.bodyText.contains("<a href=\"/admin/persons/\(TestWorld.villagerA)\">\(TestWorld.villagerA)</a>"))
            #expect(page.bodyText.contains("本条发现基于模糊关联") && page.bodyText.contains("与本村同名人员仅差一位"))
            var commission = try await web.signIn("commission")
            #expect(try await commission.get("/admin/supervision/findings/\(id)").status == .ok)
            for user in ["town-b", "clerk-a", "committee-a", "minzheng"] {
                var browser = try await web.signIn(user)
                #expect(try await browser.get("/admin/supervision/findings/\(id)").status == .forbidden, "\(user)")
            }
            var townB = try await web.signIn("town-b")
            #expect(try await townB.get("/admin/supervision/findings?area=\(TestWorld.villageA)").status == .forbidden)
            #expect(!(try await townB.get("/admin/supervision/findings").bodyText.contains("/admin/supervision/findings/\(id)")))
        }
    }

    @Test func aDepartmentsUploadIsScreenedAtOnce() async throws {
        try await WebFixture.run { web in
            var department = try await web.signIn("minzheng")
            let form = try await department.get("/admin/imports/new")
            #expect(form.status == .ok && form.bodyText.contains("value=\"benefits\"") && !form.bodyText.contains("value=\"persons\""))
            let benefits = "payment_id,program_code,program_name,department,recipient_id_number,recipient_name,village_code,period,amount\n"
                + "P1,DIBAO,最低生活保障,民政,\(TestWorld.villagerA),林海,\(TestWorld.groupA),2026-08,410\n"
            #expect(try await department.upload("/admin/imports", fields: ["csrf": department.csrf, "dataset": "benefits"], fileName: "benefits.csv",
                                                file: benefits).status == .ok)
            let deaths = try await department.upload("/admin/imports", fields: ["csrf": department.csrf, "dataset": "deaths"], fileName: "deaths.csv",
                                                     file: "id_number,name,death_date\n\(TestWorld.villagerA),林海,2026-07-02\n")
            #expect(deaths.status == .ok && deaths.bodyText.contains("已按新数据重新比对全县"))
            let found = try await FindingStore(database: web.database).list(within: AreaCode(TestWorld.villageA)!, code: .benDeceased, includeResolved: false)
            #expect(found.count == 1)
            var clerk = try await web.signIn("clerk-a")
            _ = try await clerk.get("/admin/imports/new")
            #expect(try await clerk.upload("/admin/imports", fields: ["csrf": clerk.csrf, "dataset": "deaths"], fileName: "deaths.csv",
                                           file: "id_number,name,death_date\n").status == .forbidden, "a village clerk does not load registries")
        }
    }

    @Test func theDashboardShowsCodesAreasAndTheRiskGrid() async throws {
        try await WebFixture.run { web in
            _ = try await FindingStore(database: web.database).record([Self.finding], area: AreaCode(TestWorld.villageA)!, codes: [.benDeceased], by: .system)
            var town = try await web.signIn("town-a")
            let page = try await town.get("/admin/supervision/dashboard")
            #expect(page.status == .ok)
            #expect(page.bodyText.contains("死亡人员仍领取补贴</a></td><td>1</td><td>410.00</td>"))
            #expect(page.bodyText.contains("<td>DIBAO</td><td>1</td><td>410.00</td>"))
            #expect(page.bodyText.contains("<title>白沙村委会 风险分 3</title>") && page.bodyText.contains("href=\"/admin/supervision/findings?area=\(TestWorld.villageA)\""))
            var commission = try await web.signIn("commission")
            #expect(try await commission.get("/admin/supervision/dashboard").bodyText.contains("白沙镇"))
            var townB = try await web.signIn("town-b")
            #expect(try await townB.get("/admin/supervision/dashboard?area=\(TestWorld.townA)").status == .forbidden)
            var clerk = try await web.signIn("clerk-a")
            #expect(try await clerk.get("/admin/supervision/dashboard").status == .forbidden)
        }
    }
}
