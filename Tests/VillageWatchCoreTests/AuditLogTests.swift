import SQLKit
import Testing
import VillageWatchCore
import VillageWatchTestSupport

/// The hash chain catches an edited, a deleted and a reordered row, and a truncated tail.
@Suite struct AuditLogTests {
    func chain(_ db: Database, entries: Int) async throws {
        for i in 1...entries {
            try await db.transaction { tx in
                try await AuditLog.append(tx, actor: .commandLine("test"), action: "test.change", target: "things/\(i)",
                                          before: ["value": i - 1], after: ["value": i])
            }
        }
    }

    func tamper(_ db: Database, _ sql: String) async throws {
        try await db.withConnection { try await $0.raw(SQLQueryString(sql)).run() }
    }

    @Test(arguments: TestEngine.available)
    func anIntactChainVerifies(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await chain(db, entries: 5)
            #expect(try await db.read { try await AuditLog.verify($0) } == .intact(entries: 5))
            let recent = try await db.read { try await AuditLog.recent($0, limit: 2) }
            #expect(recent.map(\.seq) == [5, 4])
            #expect(recent[0].after == #"{"value":5}"#)
        }
    }

    @Test(arguments: TestEngine.available)
    func anEditedRowIsNamed(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await chain(db, entries: 5)
            try await tamper(db, #"UPDATE audit_log SET after_state = '{"value":99}' WHERE seq = 3"#)
            guard case .broken(let seq, let reason) = try await db.read({ try await AuditLog.verify($0) }) else { Issue.record("not caught"); return }
            #expect(seq == 3)
            #expect(reason.contains("edited"))
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeletedRowIsNamed(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await chain(db, entries: 5)
            try await tamper(db, "DELETE FROM audit_log WHERE seq = 2")
            #expect(try await db.read { try await AuditLog.verify($0) } == .broken(seq: 3, reason: "expected entry 2 but found 3: entries were deleted"))
        }
    }

    @Test(arguments: TestEngine.available)
    func reorderedRowsAreCaught(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await chain(db, entries: 5)
            try await tamper(db, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
            try await tamper(db, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
            try await tamper(db, "UPDATE audit_log SET seq = 3 WHERE seq = 100")
            guard case .broken(let seq, _) = try await db.read({ try await AuditLog.verify($0) }) else { Issue.record("not caught"); return }
            #expect(seq == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeletedTailIsCaughtByTheHead(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await chain(db, entries: 5)
            try await tamper(db, "DELETE FROM audit_log WHERE seq >= 4")
            guard case .broken(let seq, let reason) = try await db.read({ try await AuditLog.verify($0) }) else { Issue.record("not caught"); return }
            #expect(seq == 4)
            #expect(reason.contains("deleted"))
        }
    }
}
