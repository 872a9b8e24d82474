import SQLKit

/// The keys a run has met so far in its file, with the line of each one's first occurrence,
/// kept in a temporary table of the run's own transaction instead of process memory.
///
/// A file of a million bank transactions would otherwise hold a million keys in a dictionary
/// for the whole run. The table lives in the engine's temporary storage (SQLite's temp
/// database, PostgreSQL's session-private temp tables, neither WAL-logged), is created inside
/// the run's transaction and dropped at its end, so a rollback removes it as well and no other
/// connection ever sees it.
struct ImportKeyRegistry {
    static let table = "import_run_keys"
    static let columns: [StoredColumn] = [.text("key"), .integer("line")]
    let sql: any SQLDatabase
    let engine: Database.Engine

    /// Creates the run's table. PostgreSQL also drops it on commit, should the run end early.
    static func create(in tx: DatabaseTransaction) async throws -> ImportKeyRegistry {
        let onCommit = tx.engine == .postgres ? " ON COMMIT DROP" : ""
        let rowid = tx.engine == .sqlite ? " WITHOUT ROWID" : ""
        try await tx.sql.raw("CREATE TEMP TABLE \(unsafeRaw: table) (key TEXT PRIMARY KEY, line BIGINT NOT NULL)\(unsafeRaw: rowid)\(unsafeRaw: onCommit)").run()
        return ImportKeyRegistry(sql: tx.sql, engine: tx.engine)
    }

    /// The first line of each of `keys` already registered by an earlier batch.
    func firstLines(of keys: [String]) async throws -> [String: Int] {
        guard !keys.isEmpty else { return [:] }
        var lines: [String: Int] = [:]
        for row in try await sql.select().columns("key", "line").from(Self.table).where("key", .in, keys).all() {
            lines[try row.decode(column: "key", as: String.self)] = try row.decode(column: "line", as: Int.self)
        }
        return lines
    }

    /// Registers keys met for the first time, each with its line.
    func register(_ firstLines: [String: Int]) async throws {
        guard !firstLines.isEmpty else { return }
        let rows = firstLines.map { [StoredValue.text($0.key), .integer(Int64($0.value))] }
        try await sql.raw(ImportJSONRows(engine: engine).insert(into: Self.table, columns: Self.columns, rows: rows)).run()
    }

    /// Removes the table inside the transaction (SQLite keeps temp tables for the connection's life).
    func drop() async throws {
        try await sql.raw("DROP TABLE \(unsafeRaw: Self.table)").run()
    }
}
