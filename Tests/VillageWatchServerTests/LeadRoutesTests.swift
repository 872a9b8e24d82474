import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchSupervision
import VillageWatchTestSupport

/// A supervision officer takes leads from finding to closure; the village's committee verifies
/// the one assigned to it; nobody outside the scope sees or changes them.
@Suite struct LeadRoutesTests {
    static let relative = Finding(code: .benCadreRelativeUnfiled, villageCode: TestWorld.villageA,
                                  subject: [("id_number", .text(TestWorld.wifeA)), ("payment_id", .text("P2"))], amountFen: 41_000,
                                  evidence: [("cadre_id_number", .text(TestWorld.cadreA)), ("tie", .text("家庭成员"))])
    static let deceased = SupervisionRoutesTests.finding

    func findingIDs(_ web: WebFixture) async throws -> (relative: Int64, deceased: Int64) {
        let store = FindingStore(database: web.database)
        _ = try await store.record([Self.relative, Self.deceased], area: AreaCode(TestWorld.villageA)!, codes: [.benCadreRelativeUnfiled, .benDeceased], by: .system)
        let all = try await store.list(within: AreaCode(TestWorld.villageA)!, code: nil, includeResolved: false)
        return (try #require(all.first { $0.code == .benCadreRelativeUnfiled }?.id), try #require(all.first { $0.code == .benDeceased }?.id))
    }

    func leadID(_ response: TestResponse) throws -> String {
        try #require(response.headers[.location]?.split(separator: "/").last.map(String.init))
    }

    @Test func fromFindingToClosure() async throws {
        try await WebFixture.run { web in
            let ids = try await findingIDs(web)
            var officer = try await web.signIn("officer-a")
            let findingPage = try await officer.get("/admin/supervision/findings/\(ids.deceased)")
            #expect(findingPage.bodyText.contains("立为问题线索"))
            let due = String(Timestamp.chinaStandardTime(Date().addingTimeInterval(30 * 86_400)).prefix(10))
            for bad in ["2020-01-01", "明天"] {
                let refused = try await officer.post("/admin/supervision/findings/\(ids.deceased)/lead", form: ["csrf": officer.csrf, "assignee": "self", "due_on": bad])
                #expect(refused.status == .unprocessableContent && refused.bodyText.contains("办结期限应为今天或以后的日期"), "\(bad)")
            }
            let opened = try await officer.post("/admin/supervision/findings/\(ids.deceased)/lead", form: ["csrf": officer.csrf, "assignee": "self", "due_on": due])
            #expect(opened.status == .seeOther)
            let deceasedLead = try leadID(opened)
            _ = try await officer.get("/admin/supervision/findings/\(ids.relative)")
            let toCommittee = try await officer.post("/admin/supervision/findings/\(ids.relative)/lead",
                                                     form: ["csrf": officer.csrf, "assignee": "committee", "due_on": due])
            let relativeLead = try leadID(toCommittee)
            _ = try await officer.get("/admin/supervision/findings/\(ids.relative)")
            #expect(try await officer.post("/admin/supervision/findings/\(ids.relative)/lead", form: ["csrf": officer.csrf, "assignee": "self", "due_on": due])
                .bodyText.contains("该发现已立为线索"))

            var committee = try await web.signIn("committee-a")
            let list = try await committee.get("/admin/supervision/leads")
            #expect(list.status == .ok && list.bodyText.contains("/admin/supervision/leads/\(relativeLead)") && !list.bodyText.contains("/admin/supervision/leads/\(deceasedLead)\""))
            let leadPage = try await committee.get("/admin/supervision/leads/\(relativeLead)")
            #expect(leadPage.bodyText.contains("近亲属备案审查") && leadPage.bodyText.contains("note-form") && !leadPage.bodyText.contains("close-form"))
            #expect(!leadPage.bodyText.contains("/admin/supervision/findings/"), "no link to a page the committee may not open")
            let script = try await committee.upload("/admin/supervision/leads/\(relativeLead)/notes", fields: ["csrf": committee.csrf, "note": "附件"],
                                                    fileName: "入户照片.pdf", file: "MZ not a pdf")
            #expect(script.status == .unprocessableContent && script.bodyText.contains("内容不是"), "files are checked by content")
            #expect(try await committee.upload("/admin/supervision/leads/\(relativeLead)/notes",
                                               fields: ["csrf": committee.csrf, "note": "经入户核实，王秀英系村支书配偶，低保申请时未备案"],
                                               fileName: "入户核实记录.pdf", file: "%PDF-1.7\n%核实记录\n").status == .seeOther)
            let withFile = try await committee.get("/admin/supervision/leads/\(relativeLead)")
            let href = try #require(withFile.bodyText.range(of: #"/admin/supervision/leads/\d+/attachments/\d+"#, options: .regularExpression).map { String(withFile.bodyText[$0]) })
            #expect(withFile.bodyText.contains("入户核实记录.pdf"))
            let file = try await committee.get(href)
            #expect(file.status == .ok && file.headers[.contentType] == "application/pdf" && file.bodyText.hasPrefix("%PDF-1.7"))
            var clerkA = try await web.signIn("clerk-a")
            #expect(try await clerkA.get(href).status == .forbidden, "the village clerk never sees the verification files")
            #expect(try await committee.get("/admin/supervision/leads/\(deceasedLead)").status == .forbidden, "the officer's own lead is not the committee's")
            #expect(try await committee.post("/admin/supervision/leads/\(relativeLead)/close", form: ["csrf": committee.csrf, "result": "cleared", "summary": "x"]).status == .forbidden)

            _ = try await officer.get("/admin/supervision/leads/\(relativeLead)")
            let stop = try await officer.post("/admin/supervision/leads/\(relativeLead)/close",
                                              form: ["csrf": officer.csrf, "result": "confirmed", "stopped": "1", "summary": "未备案"])
            #expect(stop.status == .unprocessableContent && stop.bodyText.contains("民发〔2022〕83号"))
            #expect(try await officer.post("/admin/supervision/leads/\(relativeLead)/close",
                                           form: ["csrf": officer.csrf, "result": "confirmed", "filed": "1", "summary": "已补充近亲属备案，经审查符合低保条件"]).status == .seeOther)
            _ = try await officer.get("/admin/supervision/leads/\(deceasedLead)")
            let badAmount = try await officer.post("/admin/supervision/leads/\(deceasedLead)/close",
                                                   form: ["csrf": officer.csrf, "result": "confirmed", "recovered": "四百", "summary": "冒领"])
            #expect(badAmount.status == .unprocessableContent && badAmount.bodyText.contains("追回金额格式不正确：四百"))
            #expect(try await officer.post("/admin/supervision/leads/\(deceasedLead)/close",
                                           form: ["csrf": officer.csrf, "result": "confirmed", "recovered": "410", "stopped": "1", "summary": "死亡后冒领，已追回"]).status == .seeOther)
            let closed = try await officer.get("/admin/supervision/leads/\(deceasedLead)")
            #expect(closed.bodyText.contains("已查实") && closed.bodyText.contains("追回资金 410.00 元；已停发") && !closed.bodyText.contains("close-form"))
            #expect(try await committee.get("/admin/supervision/leads/\(relativeLead)").bodyText.contains("经入户核实"))

            let audit = try await web.database.read { try await AuditLog.recent($0, limit: 20) }
            #expect(audit.filter { $0.action.hasPrefix("lead.") }.map(\.action).sorted() == ["lead.close", "lead.close", "lead.note", "lead.open", "lead.open"])
            for user in ["officer-b", "clerk-a", "committee-b", "minzheng"] {
                var browser = try await web.signIn(user)
                #expect(try await browser.get("/admin/supervision/leads/\(deceasedLead)").status == .forbidden, "\(user)")
            }
            var officerB = try await web.signIn("officer-b")
            _ = try await officerB.get("/admin/supervision/leads")
            #expect(try await officerB.upload("/admin/supervision/leads/\(deceasedLead)/notes", fields: ["csrf": officerB.csrf, "note": "x"],
                                              fileName: "", file: "").status == .forbidden)
        }
    }
}
