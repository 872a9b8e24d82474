import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchTestSupport

/// For every non-public route: a user scoped to village A can neither read nor change
/// village B's data, while the same route works for A's own data.
@Suite struct CrossVillageAccessTests {
    @Test func adminAreaPage() async throws {
        try await WebFixture.run { web in
            var clerk = try await web.signIn("clerk-a")
            let own = try await clerk.get("/admin/areas/\(TestWorld.villageA)")
            #expect(own.status == .ok)
            #expect(own.bodyText.contains("陈志强") && own.bodyText.contains(TestWorld.cadreA))
            for code in [TestWorld.villageB, TestWorld.groupB, TestWorld.townB, "440882000000"] {
                let other = try await clerk.get("/admin/areas/\(code)")
                #expect(other.status == .forbidden, "clerk of A reads \(code)")
                #expect(!other.bodyText.contains("李建国"))
            }
        }
    }

    @Test func adminPersonPage() async throws {
        try await WebFixture.run { web in
            var clerk = try await web.signIn("clerk-a")
            let own = try await clerk.get("/admin/persons/\(TestWorld.cadreA)")
            #expect(own.status == .ok)
            #expect(own.bodyText.contains("王秀英") && own.bodyText.contains("党支部书记"), "household, declared relative and position")
            for id in [TestWorld.cadreB, TestWorld.sonB] {
                let other = try await clerk.get("/admin/persons/\(id)")
                #expect(other.status == .forbidden)
                #expect(!other.bodyText.contains("李"))
            }
            var committee = try await web.signIn("committee-a")
            #expect(try await committee.get("/admin/persons/\(TestWorld.cadreB)").status == .forbidden)
            var department = try await web.signIn("minzheng")
            #expect(try await department.get("/admin/persons/\(TestWorld.cadreA)").status == .forbidden, "departments do not read the registry")
        }
    }

    @Test func uploadImport() async throws {
        try await WebFixture.run { web in
            var clerk = try await web.signIn("clerk-a")
            _ = try await clerk.get("/admin/imports/new")
            let intoB = "id_number,name,household_id,group_code\n440882199006060065,赵一,HB9,\(TestWorld.groupB)\n"
            let refused = try await clerk.upload("/admin/imports", fields: ["csrf": clerk.csrf, "dataset": "persons"], fileName: "b.csv", file: intoB)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.bodyText.contains("b.csv:2") && refused.bodyText.contains("不在您的管辖范围内"))
            #expect(try await rowCount(web.database, "persons") == 5)
            let intoA = "id_number,name,household_id,group_code\n440882199006060065,赵一,HA9,\(TestWorld.groupA)\n"
            let accepted = try await clerk.upload("/admin/imports", fields: ["csrf": clerk.csrf, "dataset": "persons"], fileName: "a.csv", file: intoA)
            #expect(accepted.status == .ok)
            #expect(accepted.bodyText.contains("committed"))
            #expect(try await rowCount(web.database, "persons") == 6)
            let forged = try await clerk.upload("/admin/imports", fields: ["csrf": "forged", "dataset": "persons"], fileName: "a.csv", file: intoA)
            #expect(forged.status == .forbidden)
            var committee = try await web.signIn("committee-a")
            #expect(try await committee.get("/admin/imports/new").status == .forbidden, "the supervision committee only reads")
        }
    }

    @Test func importRecordList() async throws {
        try await WebFixture.run { web in
            var clerkB = try await web.signIn("clerk-b")
            _ = try await clerkB.get("/admin/imports/new")
            let file = "id_number,name,household_id,group_code\n440882199006060065,赵一,HB9,\(TestWorld.groupB)\n"
            #expect(try await clerkB.upload("/admin/imports", fields: ["csrf": clerkB.csrf, "dataset": "persons"], fileName: "village-b-persons.csv", file: file).status == .ok)
            var clerkA = try await web.signIn("clerk-a")
            let list = try await clerkA.get("/admin/imports")
            #expect(list.status == .ok)
            #expect(!list.bodyText.contains("village-b-persons.csv"))
            var commission = try await web.signIn("commission")
            #expect(try await commission.get("/admin/imports").bodyText.contains("village-b-persons.csv"))
        }
    }

    @Test func userManagement() async throws {
        try await WebFixture.run { web in
            var town = try await web.signIn("town-a")
            let list = try await town.get("/admin/users")
            #expect(list.status == .ok)
            #expect(list.bodyText.contains("clerk-a") && !list.bodyText.contains("clerk-b"))
            let createB = try await town.post("/admin/users", form: ["csrf": town.csrf, "username": "new-b", "display_name": "x", "role": "village-clerk",
                                                                    "scope": TestWorld.villageB, "password": "Initial2026x"])
            #expect(createB.status == .forbidden)
            for action in ["disable", "enable", "reset-password"] {
                #expect(try await town.post("/admin/users/clerk-b/\(action)", form: ["csrf": town.csrf]).status == .forbidden, "\(action)")
            }
            #expect(try await UserStore(database: web.database).user(username: "clerk-b")?.disabled == false)
            #expect(try await UserStore(database: web.database).user(username: "new-b") == nil)
            let createA = try await town.post("/admin/users", form: ["csrf": town.csrf, "username": "new-a", "display_name": "新文书", "role": "village-clerk",
                                                                    "scope": TestWorld.villageA, "password": "Initial2026x"])
            #expect(createA.status == .ok)
            #expect(try await UserStore(database: web.database).user(username: "new-a")?.mustChangePassword == true)
            #expect(try await town.post("/admin/users/clerk-a/disable", form: ["csrf": town.csrf]).status == .ok)
            #expect(try await UserStore(database: web.database).user(username: "clerk-a")?.disabled == true)
            let withoutToken = try await town.post("/admin/users/clerk-a/enable", form: [:])
            #expect(withoutToken.status == .forbidden || withoutToken.status == .badRequest)
            var clerk = try await web.signIn("clerk-b")
            #expect(try await clerk.get("/admin/users").status == .forbidden)
            let entries = try await web.database.read { try await AuditLog.recent($0, limit: 50) }
            #expect(entries.contains { $0.actor == "user:town-a" && $0.action == "user.create" && $0.target == "users/new-a" })
            #expect(entries.contains { $0.actor == "user:town-a" && $0.action == "user.disable" && $0.before?.contains("\"disabled\":false") == true })
        }
    }

    @Test func passwordChangeTouchesOnlyTheSignedInAccount() async throws {
        try await WebFixture.run { web in
            var clerk = try await web.signIn("clerk-a")
            _ = try await clerk.get("/admin/password")
            let changed = try await clerk.post("/admin/password", form: ["csrf": clerk.csrf, "current": WebFixture.password, "new": "Another2026pw",
                                                                          "confirm": "Another2026pw", "username": "clerk-b"])
            #expect(changed.status == .seeOther)
            let users = UserStore(database: web.database, bcryptCost: 4)
            #expect(try await users.verify(username: "clerk-a", password: "Another2026pw") != nil)
            #expect(try await users.verify(username: "clerk-b", password: WebFixture.password) != nil, "village B's account is untouched")
        }
    }

    @Test func auditLog() async throws {
        try await WebFixture.run { web in
            for username in ["clerk-a", "auditor-a", "town-a"] {
                var user = try await web.signIn(username)
                #expect(try await user.get("/admin/audit").status == .forbidden, "\(username)")
            }
            var auditor = try await web.signIn("auditor")
            let page = try await auditor.get("/admin/audit?verify=1")
            #expect(page.status == .ok)
            #expect(page.bodyText.contains("哈希链完整"))
            try await web.database.withConnection { try await $0.raw("UPDATE audit_log SET actor = 'user:nobody' WHERE seq = 2").run() }
            #expect(try await auditor.get("/admin/audit?verify=1").bodyText.contains("哈希链损坏：第 2 条"))
            #expect(page.bodyText.contains("user.create"))
        }
    }

    @Test func landingPagesStayInsideTheScope() async throws {
        try await WebFixture.run { web in
            var clerk = try await web.signIn("clerk-a")
            let landing = try await clerk.get("/admin")
            #expect(landing.status == .ok)
            #expect(landing.bodyText.contains("/admin/areas/\(TestWorld.villageA)") && !landing.bodyText.contains(TestWorld.villageB))
            #expect(!landing.bodyText.contains("/admin/users") && !landing.bodyText.contains("/admin/audit"))
        }
    }

    @Test func everyAdminRouteNeedsSignIn() async throws {
        try await WebFixture.run { web in
            var anonymous = Browser(client: web.client)
            for uri in ["/admin", "/admin/areas/\(TestWorld.villageA)", "/admin/persons/\(TestWorld.cadreA)", "/admin/imports",
                        "/admin/imports/new", "/admin/users", "/admin/audit", "/admin/password"] {
                let response = try await anonymous.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location]?.hasPrefix("/admin/login") == true, "\(uri)")
            }
            for uri in ["/admin/users", "/admin/users/clerk-a/disable", "/admin/logout", "/admin/password"] {
                #expect(try await anonymous.post(uri, form: ["csrf": "x"]).status == .seeOther, "\(uri)")
            }
        }
    }
}
