import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchTestSupport

/// Sign-in, cookies, CSRF, throttling, forced password change, sign-out.
@Suite struct AuthenticationTests {
    @Test func sessionCookieIsHttpOnlyAndSameSite() async throws {
        try await WebFixture.run { web in
            var browser = Browser(client: web.client)
            let form = try await browser.get("/admin/login")
            let token = try #require(Browser.hiddenField("csrf", in: form.bodyText))
            let response = try await browser.post("/admin/login", form: ["username": "clerk-a", "password": WebFixture.password, "csrf": token])
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("vw_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            #expect(response.headers[.location] == "/admin")
        }
    }

    @Test func signInWithoutTheFormTokenIsRefused() async throws {
        try await WebFixture.run { web in
            var browser = Browser(client: web.client)
            let response = try await browser.post("/admin/login", form: ["username": "clerk-a", "password": WebFixture.password, "csrf": "guess"])
            #expect(response.status == .forbidden)
            #expect(browser.cookies["vw_session"] == nil)
        }
    }

    @Test func fiveFailuresLockTheAccount() async throws {
        try await WebFixture.run { web in
            var browser = Browser(client: web.client)
            for _ in 1...5 {
                _ = try await browser.get("/admin/login")
                let response = try await browser.post("/admin/login", form: ["username": "town-a", "password": "Wrongpass99", "csrf": browser.csrf])
                #expect(response.status == .unauthorized)
                #expect(response.bodyText.contains("用户名或密码错误"))
            }
            _ = try await browser.get("/admin/login")
            let locked = try await browser.post("/admin/login", form: ["username": "town-a", "password": WebFixture.password, "csrf": browser.csrf])
            #expect(locked.status == .tooManyRequests)
            #expect(browser.cookies["vw_session"] == nil)
        }
    }

    @Test func initialPasswordsMustBeChangedFirst() async throws {
        try await WebFixture.run { web in
            try await UserStore(database: web.database, bcryptCost: 4).setPassword("clerk-a", to: "Initial2026x", mustChange: true, by: .system)
            var browser = Browser(client: web.client)
            _ = try await browser.get("/admin/login")
            let signIn = try await browser.post("/admin/login", form: ["username": "clerk-a", "password": "Initial2026x", "csrf": browser.csrf])
            #expect(signIn.headers[.location] == "/admin/password")
            #expect(try await browser.get("/admin/areas/\(TestWorld.villageA)").headers[.location] == "/admin/password")
            _ = try await browser.get("/admin/password")
            let weak = try await browser.post("/admin/password", form: ["csrf": browser.csrf, "current": "Initial2026x", "new": "short", "confirm": "short"])
            #expect(weak.status == .badRequest)
            let changed = try await browser.post("/admin/password", form: ["csrf": browser.csrf, "current": "Initial2026x", "new": "Better2026pass", "confirm": "Better2026pass"])
            #expect(changed.status == .seeOther)
            #expect(try await browser.get("/admin/areas/\(TestWorld.villageA)").status == .ok)
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await WebFixture.run { web in
            var browser = try await web.signIn("commission")
            _ = try await browser.get("/admin")
            let stolen = browser.cookies["vw_session"]
            #expect(try await browser.post("/admin/logout", form: ["csrf": "wrong"]).status == .forbidden)
            #expect(try await browser.post("/admin/logout", form: ["csrf": browser.csrf]).status == .seeOther)
            var replay = Browser(client: web.client, cookies: ["vw_session": stolen ?? ""])
            #expect(try await replay.get("/admin").status == .seeOther, "the old cookie no longer works")
        }
    }
}
