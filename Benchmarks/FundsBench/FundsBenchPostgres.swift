import Foundation
import VillageWatchCore

/// A schema of its own for each run on PostgreSQL, dropped afterwards (as in ImportBench).
enum FundsBenchPostgres {
    static func withSchema(_ base: String, _ body: (_ url: String, _ schema: String) async throws -> Void) async throws {
        let schema = "fundsbench_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try await Database.connect(.postgres(url: base))
        try await admin.withConnection { try await $0.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
        do {
            try await body(base + (base.contains("?") ? "&" : "?") + "schema=\(schema)", schema)
        } catch {
            try? await admin.withConnection { try await $0.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
            await admin.shutdown()
            throw error
        }
        try await admin.withConnection { try await $0.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
        await admin.shutdown()
    }
}
