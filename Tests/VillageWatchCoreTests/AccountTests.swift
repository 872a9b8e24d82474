import Foundation
import Testing
import VillageWatchCore
import VillageWatchTestSupport

/// Accounts: password rules, bcrypt verification, disabling, sessions and sign-in throttling.
@Suite struct AccountTests {
    func store(_ db: Database) -> UserStore { UserStore(database: db, bcryptCost: 4) }

    @Test(arguments: TestEngine.available)
    func accountsFollowThePasswordAndScopeRules(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            let users = store(db)
            await #expect(throws: AccountError.weakPassword("密码至少 10 位")) {
                try await users.create(.init(username: "clerk", displayName: "x", role: .villageClerk, scope: "440882100200", password: "short1"), by: .system)
            }
            await #expect(throws: AccountError.weakPassword("密码须同时包含字母和数字")) {
                try await users.create(.init(username: "clerk", displayName: "x", role: .villageClerk, scope: "440882100200", password: "onlyletterslong"), by: .system)
            }
            await #expect(throws: AccountError.scopeNotAllowed(.villageClerk, .town)) {
                try await users.create(.init(username: "clerk", displayName: "x", role: .villageClerk, scope: "440882100000", password: "Goodpass123"), by: .system)
            }
            await #expect(throws: AccountError.unknownScope("440882999999")) {
                try await users.create(.init(username: "clerk", displayName: "x", role: .villageClerk, scope: "440882999999", password: "Goodpass123"), by: .system)
            }
            let user = try await users.create(.init(username: "clerk", displayName: "文书", role: .villageClerk, scope: "440882100200", password: "Goodpass123"), by: .system)
            #expect(user.mustChangePassword)
            await #expect(throws: AccountError.usernameTaken("clerk")) {
                try await users.create(.init(username: "clerk", displayName: "x", role: .villageClerk, scope: "440882100200", password: "Goodpass123"), by: .system)
            }
            #expect(try await users.verify(username: "clerk", password: "Goodpass123")?.id == user.id)
            #expect(try await users.verify(username: "clerk", password: "Wrongpass123") == nil)
            let hash = try await db.read { try await $0.select().column("password_hash").from("users").first(decodingColumn: "password_hash", as: String.self) }
            #expect(hash?.hasPrefix("$2") == true, "stored as bcrypt")
            try await users.setDisabled("clerk", true, by: .system)
            #expect(try await users.verify(username: "clerk", password: "Goodpass123") == nil)
            #expect(try await db.read { try await AuditLog.verify($0) } == .intact(entries: try await rowCount(db, "audit_log")))
        }
    }

    @Test(arguments: TestEngine.available)
    func sessionsExpireAndThrottlingLocksAfterFiveFailures(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            let clock = TestClock()
            let user = try await store(db).create(.init(username: "officer", displayName: "x", role: .townOfficer, scope: "440882100000", password: "Goodpass123"), by: .system)
            let sessions = SessionStore(database: db, clock: clock, lifetime: 3600)
            let session = try await sessions.open(for: user)
            #expect(try await sessions.session(token: session.token)?.user.id == user.id)
            #expect(try await sessions.session(token: "forged") == nil)
            clock.advance(3601)
            #expect(try await sessions.session(token: session.token) == nil)

            let throttle = LoginThrottle(database: db, clock: clock)
            for _ in 1...4 { try await throttle.recordFailure(username: "officer", ip: "10.0.0.1") }
            #expect(try await !throttle.isLocked(username: "officer", ip: "10.0.0.2"))
            try await throttle.recordFailure(username: "officer", ip: "10.0.0.1")
            #expect(try await throttle.isLocked(username: "officer", ip: "10.0.0.2"))
            #expect(try await throttle.isLocked(username: "someone-else", ip: "10.0.0.1"))
            clock.advance(15 * 60 + 1)
            #expect(try await !throttle.isLocked(username: "officer", ip: "10.0.0.1"))
        }
    }

    @Test(arguments: TestEngine.available)
    func migratingTwiceChangesNothing(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            let applied = try await Migrator(schemas: [CoreSchema.schema]).migrate(db)
            #expect(applied.isEmpty)
        }
    }
}
