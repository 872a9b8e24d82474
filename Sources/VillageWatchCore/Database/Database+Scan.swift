import Logging
import NIOPosix
import PostgresNIO
import VaporCSQLite

extension Database {
    /// Every row of `sql`, each turned into a value by `transform` (`nil` skips the row).
    ///
    /// For reads of whole tables. On SQLite each scan opens its own connection on a pool thread,
    /// so several scans run side by side (WAL lets readers share the file); on PostgreSQL it
    /// borrows a pooled connection and decodes the rows as they stream in.
    public func scan<Row: Sendable>(_ sql: String, _ transform: @escaping @Sendable (ScannedRow) throws -> Row?) async throws -> [Row] {
        switch pool {
        case .sqlite:
            guard case .sqlite(let path) = url else { preconditionFailure("an SQLite pool has an SQLite URL") }
            return try await NIOThreadPool.singleton.runIfActive { try Self.sqliteScan(path: path, sql, transform) }
        case .postgres(let pool):
            let connection = try await pool.requestConnection().get()
            defer { pool.releaseConnection(connection) }
            try await Self.postgresScanSettings(on: connection, "SET", { "\($0) = \($1)" })
            do {
                let result = try await Self.postgresScan(connection, sql, transform)
                try await Self.postgresScanSettings(on: connection, "RESET", { name, _ in name })
                return result
            } catch {
                try? await Self.postgresScanSettings(on: connection, "RESET", { name, _ in name })
                throw error
            }
        }
    }

    /// One backend per scan: the server's share of the work is small, parallel workers would take
    /// the cores the decoding needs. The chunks are grouped in memory (the county's payments are a
    /// few hundred MB of text).
    private static func postgresScanSettings(on connection: PostgresConnection, _ command: String, _ clause: (String, String) -> String) async throws {
        for (name, value) in [("max_parallel_workers_per_gather", "0"), ("work_mem", "'2GB'")] {
            try await connection.query(PostgresQuery(unsafeSQL: "\(command) \(clause(name, value))"), logger: scanLogger)
        }
    }

    /// The rows of `sql` as chunks of their text form (`RecordText`), 8,192 rows to a chunk, in order.
    private static func postgresScan<Row>(_ connection: PostgresConnection, _ sql: String, _ transform: (ScannedRow) throws -> Row?) async throws -> [Row] {
        let chunks = """
            SELECT string_agg(numbered.row::text, E'\n') FROM (SELECT row, (row_number() OVER ()) / 8192 AS chunk FROM (\(sql)) row) numbered
            GROUP BY chunk ORDER BY chunk
            """
        var result: [Row] = []
        for try await chunk in try await connection.query(PostgresQuery(unsafeSQL: chunks), logger: scanLogger) {
            guard let bytes = chunk.first?.bytes else { continue }
            do {
                try bytes.withUnsafeReadableBytes { raw in
                    var records = RecordText(raw)
                    while try records.next() {
                        if let value = try transform(ScannedRow(cells: .record(records), query: sql)) { result.append(value) }
                    }
                }
            } catch let problem as RecordText.Problem {
                throw DatabaseError.unreadableRow(query: sql, column: -1, reason: problem.description)
            }
        }
        return result
    }

    private static let scanLogger = Logger(label: "villagewatch.db.scan")

    private static func sqliteScan<Row>(path: String, _ sql: String, _ transform: (ScannedRow) throws -> Row?) throws -> [Row] {
        var handle: OpaquePointer?
        defer { sqlite_nio_sqlite3_close(handle) }
        guard sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw DatabaseError.unreachable("sqlite://\(path)", reason: sqliteMessage(handle))
        }
        sqlite_nio_sqlite3_busy_timeout(handle, 15_000)
        // Whole-table reads go through the file's pages once: mapped, they are not copied into
        // SQLite's small page cache by a read() per page.
        sqlite_nio_sqlite3_exec(handle, "PRAGMA mmap_size = 17179869184", nil, nil, nil)
        var statement: OpaquePointer?
        defer { sqlite_nio_sqlite3_finalize(statement) }
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw DatabaseError.unreadableRow(query: sql, column: -1, reason: sqliteMessage(handle))
        }
        var result: [Row] = []
        while true {
            switch sqlite_nio_sqlite3_step(statement) {
            case SQLITE_ROW:
                if let value = try transform(ScannedRow(cells: .sqlite(statement), query: sql)) { result.append(value) }
            case SQLITE_DONE:
                return result
            default:
                throw DatabaseError.unreadableRow(query: sql, column: -1, reason: sqliteMessage(handle))
            }
        }
    }

    private static func sqliteMessage(_ handle: OpaquePointer?) -> String {
        sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "out of memory"
    }
}
