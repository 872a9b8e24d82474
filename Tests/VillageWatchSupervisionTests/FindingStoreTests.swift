import Foundation
import SQLKit
import Testing
import VillageWatchCore
import VillageWatchSupervision
import VillageWatchTestSupport

/// Re-screening never duplicates a finding whose evidence is unchanged, on both engines.
@Suite struct FindingStoreTests {
    static let village = AreaCode(TestWorld.villageA)!

    static func deceased(_ payment: String, death: String) -> Finding {
        Finding(code: .benDeceased, villageCode: TestWorld.villageA, subject: [("id_number", .text(TestWorld.villagerA)), ("payment_id", .text(payment))],
                amountFen: 41_000, evidence: [("death_date", .text(death)), ("period", .text("2026-08"))])
    }

    @Test(arguments: TestEngine.available)
    func unchangedEvidenceIsOneFinding(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let store = FindingStore(database: db, clock: TestClock())
            let codes: Set<FindingCode> = [.benDeceased]
            let first = try await store.record([Self.deceased("P1", death: "2026-07-02"), Self.deceased("P2", death: "2026-07-02")],
                                               area: Self.village, codes: codes, by: .system)
            #expect(first == .init(new: 2, unchanged: 0, resolved: 0))
            let again = try await store.record([Self.deceased("P1", death: "2026-07-02"), Self.deceased("P2", death: "2026-07-02")],
                                               area: Self.village, codes: codes, by: .system)
            #expect(again == .init(new: 0, unchanged: 2, resolved: 0))
            let changed = try await store.record([Self.deceased("P1", death: "2026-06-30")], area: Self.village, codes: codes, by: .system)
            #expect(changed == .init(new: 1, unchanged: 0, resolved: 2), "new evidence is a new finding; P2 no longer fires")
            let open = try await store.open(within: AreaCode(TestWorld.townA)!, codes: codes)
            #expect(open == [Self.deceased("P1", death: "2026-06-30").jsonLine])
            #expect(try await store.open(within: AreaCode(TestWorld.villageB)!, codes: codes).isEmpty)
            let untouched = try await store.record([], area: AreaCode(TestWorld.villageB)!, codes: codes, by: .system)
            #expect(untouched.resolved == 0, "screening another village resolves nothing here")
            let audit = try await db.read { try await AuditLog.recent($0, limit: 10) }
            #expect(audit.filter { $0.action == "supervision.screen" }.count == 4)
        }
    }
}
