import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchPublications
import VillageWatchServer
import VillageWatchTestSupport

/// Publications, compliance and the public log through the web: the workflow in the browser's
/// terms, and for every route that village B's users can neither read nor change A's data.
@Suite struct PublicationRoutesTests {
    /// Clerk of A drafts and submits a major matter; returns the publication and version ids.
    func draftAndSubmit(_ web: WebFixture) async throws -> (Int64, Int64, Browser) {
        var clerk = try await web.signIn("clerk-a")
        _ = try await clerk.get("/admin/publications/new")
        let created = try await clerk.upload("/admin/publications", fields: [
            "csrf": clerk.csrf, "kind": "village", "category": "major", "title": "关于鱼塘发包的决定",
            "decided_on": "2026-11-01", "body": "经村民代表会议讨论<script>x()</script>，鱼塘公开竞价发包。",
        ], fileName: "", file: "")
        #expect(created.status == .seeOther)
        let id = try #require(created.headers[.location].flatMap { Int64($0.split(separator: "/").last ?? "") })
        let versions = try await web.database.read { try await PublicationReader($0).versions(of: id) }
        let version = try #require(versions.first?.id)
        let page = try await clerk.get("/admin/publications/\(id)")
        #expect(try await clerk.post("/admin/publications/versions/\(version)/submit", form: ["csrf": clerk.csrf]).status == .seeOther)
        _ = page
        return (id, version, clerk)
    }

    @Test func theCommitteeOfTheVillageSignsOffAndThePublicSeesItWithItsProof() async throws {
        try await WebFixture.run { web in
            let (id, version, _) = try await draftAndSubmit(web)
            var anonymous = Browser(client: web.client)
            #expect(try await anonymous.get("/publications/\(id)").status == .notFound, "not public before sign-off")
            var committee = try await web.signIn("committee-a")
            _ = try await committee.get("/admin/publications/\(id)")
            #expect(try await committee.post("/admin/publications/versions/\(version)/sign-off", form: ["csrf": committee.csrf]).status == .seeOther)
            let page = try await anonymous.get("/publications/\(id)")
            #expect(page.status == .ok)
            #expect(page.bodyText.contains("鱼塘公开竞价发包") && !page.bodyText.contains("<script>x()"))
            #expect(page.bodyText.contains("/transparency/proof/inclusion?index=0&amp;tree_size=1"))
            let proof = try await web.client.execute(uri: "/transparency/proof/inclusion?index=0&tree_size=1", method: .get)
            #expect(proof.status == .ok && String(buffer: proof.body).contains(#""tree_size":1"#))
            let village = try await anonymous.get("/areas/\(TestWorld.villageA)")
            #expect(village.bodyText.contains("关于鱼塘发包的决定"))
            let search = try await anonymous.get("/publications/search?q=%E9%B1%BC%E5%A1%98")
            #expect(search.bodyText.contains("关于鱼塘发包的决定"))
            let checkpoint = try await web.client.execute(uri: "/transparency/checkpoint", method: .get)
            #expect(String(buffer: checkpoint.body).contains("/public-record\n1\n"))
        }
    }

    @Test func villageBCanNeitherReadNorChangeVillageAsPublications() async throws {
        try await WebFixture.run { web in
            let (id, version, _) = try await draftAndSubmit(web)
            for username in ["clerk-b", "committee-b"] {
                var other = try await web.signIn(username)
                #expect(try await other.get("/admin/publications/\(id)").status == .forbidden, "\(username) reads A's draft")
                _ = try await other.get("/admin/publications")
                for action in ["submit", "sign-off", "return"] {
                    let response = try await other.post("/admin/publications/versions/\(version)/\(action)", form: ["csrf": other.csrf, "note": "x"])
                    #expect(response.status == .forbidden, "\(username) \(action)")
                }
                let amend = try await other.upload("/admin/publications/\(id)/amend", fields: ["csrf": other.csrf, "title": "x", "body": "y", "reason": "z"],
                                                   fileName: "", file: "")
                #expect(amend.status == .forbidden)
                #expect(!(try await other.get("/admin/publications").bodyText.contains("关于鱼塘发包的决定")))
            }
            let status = try await web.database.read { try await PublicationReader($0).version(version)?.status }
            #expect(status == .submitted)
            var clerkB = try await web.signIn("clerk-b")
            _ = try await clerkB.get("/admin/publications/new")
            let intoA = try await clerkB.upload("/admin/publications", fields: ["csrf": clerkB.csrf, "kind": "village", "category": "major",
                                                                              "title": "t", "decided_on": "2026-11-01", "body": "b"], fileName: "", file: "")
            #expect(intoA.status == .seeOther, "a clerk can only ever publish for their own village")
            let created = try await web.database.read { try await PublicationReader($0).adminList(within: AreaCode(TestWorld.villageB)!, status: nil, limit: 10) }
            #expect(created.allSatisfy { $0.0.villageCode.text == TestWorld.villageB } && created.count == 1)
        }
    }

    @Test func complianceDashboardsStayInsideTheScope() async throws {
        try await WebFixture.run { web in
            var town = try await web.signIn("town-a")
            let own = try await town.get("/admin/compliance?area=\(TestWorld.townA)&month=2026-10&months=3")
            #expect(own.status == .ok)
            #expect(own.bodyText.contains("白沙村委会") && own.bodyText.contains("<svg"))
            #expect(try await town.get("/admin/compliance?area=\(TestWorld.townB)").status == .forbidden)
            #expect(try await town.get("/admin/compliance/villages/\(TestWorld.villageB)").status == .forbidden)
            #expect(try await town.get("/admin/compliance.xlsx?area=\(TestWorld.townB)").status == .forbidden)
            let xlsx = try await town.get("/admin/compliance.xlsx?area=\(TestWorld.townA)&month=2026-10")
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            var clerk = try await web.signIn("clerk-a")
            #expect(try await clerk.get("/admin/compliance").status == .forbidden)
            var commission = try await web.signIn("commission")
            let county = try await commission.get("/admin/compliance")
            #expect(county.status == .ok && county.bodyText.contains("白沙镇"))
        }
    }

    @Test func villagersReportMissingPublicationsToTheirTownOnly() async throws {
        try await WebFixture.run { web in
            var villager = Browser(client: web.client)
            let filed = try await villager.post("/areas/\(TestWorld.villageA)/missing-reports",
                                                form: ["csrf": "villager-report", "kind": "finance", "period": "2026-09", "text": "九月份财务没有公开"])
            #expect(filed.status == .ok && filed.bodyText.contains("已收到"))
            let bad = try await villager.post("/areas/\(TestWorld.villageA)/missing-reports",
                                              form: ["csrf": "villager-report", "kind": "finance", "period": "九月", "text": "没有公开"])
            #expect(bad.status == .unprocessableContent)
            var townA = try await web.signIn("town-a")
            #expect(try await townA.get("/admin/missing-reports").bodyText.contains("九月份财务没有公开"))
            var townB = try await web.signIn("town-b")
            #expect(!(try await townB.get("/admin/missing-reports").bodyText.contains("九月份财务没有公开")))
            #expect(try await townB.get("/admin/missing-reports?area=\(TestWorld.townA)").status == .forbidden)
        }
    }

    @Test func transparencyEndpointsRefuseOutOfRangeRequestsAsJSON() async throws {
        try await WebFixture.run { web in
            for uri in ["/transparency/proof/inclusion?index=0&tree_size=0", "/transparency/proof/consistency?first=1&second=2",
                        "/transparency/entries?start=0&end=1", "/transparency/proof/inclusion?index=x&tree_size=1"] {
                let response = try await web.client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
            }
            let key = try await web.client.execute(uri: "/transparency/key", method: .get)
            #expect(String(buffer: key.body).contains("/public-record+"))
        }
    }
}
