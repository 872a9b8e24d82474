import Foundation
import SQLKit

/// Applies every module's pending migrations, once, even when several server instances start
/// at the same moment: PostgreSQL serialises them with an advisory lock, SQLite with
/// `BEGIN IMMEDIATE`.
public struct Migrator: Sendable {
    public let schemas: [ModuleSchema]

    public init(schemas: [ModuleSchema]) {
        self.schemas = schemas
    }

    /// Returns the migrations applied by this call as `module#version name`.
    @discardableResult
    public func migrate(_ database: Database, clock: any WallClock = SystemWallClock()) async throws -> [String] {
        try await database.transaction { tx in
            if tx.engine == .postgres {
                try await tx.sql.raw("SELECT pg_advisory_xact_lock(4408820001)").run()
            }
            try await tx.sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
                    PRIMARY KEY (module, version))
                """).run()
            let applied = try await tx.sql.select().columns("module", "version").from("schema_migrations").all()
                .map { "\(try $0.decode(column: "module", as: String.self))#\(try $0.decode(column: "version", as: Int.self))" }
            var done: [String] = []
            for schema in schemas {
                for migration in schema.migrations.sorted(by: { $0.version < $1.version })
                where !applied.contains("\(schema.module)#\(migration.version)") {
                    try await apply(migration, of: schema.module, in: tx, at: clock.now())
                    done.append("\(schema.module)#\(migration.version) \(migration.name)")
                }
            }
            return done
        }
    }

    private func apply(_ migration: Migration, of module: String, in tx: DatabaseTransaction, at date: Date) async throws {
        do {
            for statement in migration.sql(for: tx.engine) {
                try await tx.sql.raw(SQLQueryString(statement)).run()
            }
            try await tx.sql.insert(into: "schema_migrations")
                .columns("module", "version", "name", "applied_at")
                .values(SQLBind(module), SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.utc(date)))
                .run()
        } catch {
            throw DatabaseError.migrationFailed(module: module, version: migration.version, reason: Database.describe(error))
        }
    }
}
