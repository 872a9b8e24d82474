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
            try parse(chunk, of: sql, transform, into: &result)
        }
        return result
    }

    /// The rows of one range query of `scanTable`.
    private func postgresChunk<Row>(_ query: String, of sql: String, _ transform: (ScannedRow) throws -> Row?) async throws -> [Row] {
        guard case .postgres(let pool) = pool else { preconditionFailure("range scans are PostgreSQL's") }
        let connection = try await pool.requestConnection().get()
        defer { pool.releaseConnection(connection) }
        var rows: [Row] = []
        for try await chunk in try await connection.query(PostgresQuery(unsafeSQL: query), logger: Self.scanLogger) {
            try Self.parse(chunk, of: sql, transform, into: &rows)
        }
        return rows
    }

    /// The records of one chunk (a row holding `string_agg(row::text)`), appended to `result`.
    private static func parse<Row>(_ chunk: PostgresRow, of sql: String, _ transform: (ScannedRow) throws -> Row?, into result: inout [Row]) throws {
        guard let bytes = chunk.first?.bytes else { return }
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

    /// The rows of `table` that `condition` selects, in the table's order, each turned into a
    /// value by `transform` (`nil` skips the row).
    ///
    /// For a whole county's payments, persons and bank lines, read on both cores. SQLite reads the
    /// two halves of the table's rowids side by side. PostgreSQL reads ranges of `pagesPerChunk`
    /// pages (TID range scans), two at a time, each range arriving as one text chunk: the server
    /// formats one range while this process parses the other, instead of formatting everything
    /// before anything is parsed.
    public func scanTable<Row: Sendable>(_ table: String, columns: String, where condition: String, pagesPerChunk: Int = 2_048,
                                         _ transform: @escaping @Sendable (ScannedRow) throws -> Row?) async throws -> [Row] {
        let sql = "SELECT \(columns) FROM \(table) WHERE \(condition)"
        guard case .postgres = pool else {
            let middle: Int = try await withConnection { db in
                // NULL for an empty table.
                try await db.raw("SELECT (MIN(rowid) + MAX(rowid)) / 2 AS middle FROM \(unsafeRaw: table)").first(decodingColumn: "middle", as: Int?.self) ?? nil
            } ?? 0
            async let first = scan("\(sql) AND rowid <= \(middle)", transform)
            async let second = scan("\(sql) AND rowid > \(middle)", transform)
            return try await first + second
        }
        let pages = try await withConnection { db in
            try await db.raw("SELECT CAST(pg_relation_size(\(bind: table)) / current_setting('block_size')::bigint AS BIGINT) AS pages")
                .first(decodingColumn: "pages", as: Int.self) ?? 0
        }
        let starts = Array(stride(from: 0, to: max(pages, 1), by: pagesPerChunk))
        let chunks = starts.enumerated().map { index, start in
            // The last range is open, for rows added since the size was read.
            let end = index + 1 < starts.count ? " AND ctid < '(\(starts[index + 1]),0)'::tid" : ""
            return "SELECT string_agg(row::text, E'\\n') FROM (\(sql) AND ctid >= '(\(start),0)'::tid\(end)) row"
        }
        return try await withThrowingTaskGroup(of: (Int, [Row]).self) { group in
            var parts: [[Row]] = Array(repeating: [], count: chunks.count)
            for (index, query) in chunks.enumerated() {
                if index >= 2, let (done, rows) = try await group.next() { parts[done] = rows }
                group.addTask { (index, try await self.postgresChunk(query, of: sql, transform)) }
            }
            while let (done, rows) = try await group.next() { parts[done] = rows }
            return parts.flatMap { $0 }
        }
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
