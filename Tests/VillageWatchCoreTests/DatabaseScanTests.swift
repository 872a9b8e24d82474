import SQLKit
import Testing
import VillageWatchCore
import VillageWatchTestSupport

/// Bulk reads by position: text, integers and NULLs come back as the driver stored them, a NULL
/// where a value is required is an error naming the column, and a bad query names itself.
@Suite struct DatabaseScanTests {
    func table(_ db: Database) async throws {
        try await db.withConnection { sql in
            try await sql.raw("CREATE TABLE scan_things (code TEXT NOT NULL, name TEXT, amount_fen BIGINT)").run()
            try await sql.raw("INSERT INTO scan_things VALUES ('a', '陈小强', 12345), ('b', NULL, NULL), ('c', 'x y', -7)").run()
        }
    }

    @Test(arguments: TestEngine.available)
    func rowsComeBackByPosition(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await table(db)
            let rows = try await db.scan("SELECT code, name, amount_fen FROM scan_things ORDER BY code") { row in
                "\(try row.text(0))|\(try row.optionalText(1) ?? "-")|\(try row.optionalInteger(2).map(String.init) ?? "-")"
            }
            #expect(rows == ["a|陈小强|12345", "b|-|-", "c|x y|-7"])
            let skipped = try await db.scan("SELECT code FROM scan_things") { row in try row.text(0) == "b" ? nil : try row.text(0) }
            #expect(skipped.sorted() == ["a", "c"])
        }
    }

    /// PostgreSQL sends rows in their text form, which quotes and doubles these characters.
    @Test(arguments: TestEngine.available)
    func textThatTheRecordFormQuotesComesBackUnchanged(_ engine: TestEngine) async throws {
        let awkward = ["", " ", "a,b", "(x)", "say \"hi\"", "back\\slash \\\\", "\"\"", "line\nbreak\ttab", "陈 小强", "NULL", "-"]
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await table(db)
            try await db.withConnection { sql in
                for (index, text) in awkward.enumerated() {
                    try await sql.raw("INSERT INTO scan_things VALUES (\(bind: "z\(index)"), \(bind: text), \(bind: Int64(index) - 5))").run()
                }
            }
            let rows = try await db.scan("SELECT name, amount_fen, code FROM scan_things WHERE code LIKE 'z%'") { row in
                (try row.text(0), try row.integer(1), try row.text(2))
            }
            #expect(rows.sorted { $0.1 < $1.1 }.map(\.0) == awkward)
            #expect(rows.map(\.1).sorted() == (0..<Int64(awkward.count)).map { $0 - 5 })
        }
    }

    /// Many rows arrive in several chunks (PostgreSQL) and keep the query's order.
    @Test(arguments: TestEngine.available)
    func manyRowsKeepTheirOrder(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            let numbers = try await db.scan("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, 'row ' || i FROM n ORDER BY i DESC
                """) { row in try row.text(1) == "row \(try row.integer(0))" ? try row.integer(0) : nil }
            #expect(numbers == Array((1...20000).reversed()))
        }
    }

    /// A table read in ranges (PostgreSQL: one page each here; SQLite: two rowid halves) comes
    /// back whole, in the table's order, with the condition applied; an empty table is empty.
    @Test(arguments: TestEngine.available)
    func tablesReadInRangesComeBackWholeAndInOrder(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await db.withConnection { sql in
                try await sql.raw("CREATE TABLE scan_rows (n BIGINT NOT NULL, label TEXT NOT NULL)").run()
                try await sql.raw("CREATE TABLE scan_empty (n BIGINT NOT NULL)").run()
                for start in stride(from: 1, through: 3_000, by: 500) {
                    let values = (start..<start + 500).map { "(\($0), 'row \($0)')" }.joined(separator: ", ")
                    try await sql.raw("INSERT INTO scan_rows VALUES \(unsafeRaw: values)").run()
                }
            }
            let even = try await db.scanTable("scan_rows", columns: "n, label", where: "n % 2 = 0", pagesPerChunk: 1) { row in
                try row.text(1) == "row \(try row.integer(0))" ? try row.integer(0) : nil
            }
            #expect(even == Array(stride(from: 2, through: 3_000, by: 2)))
            #expect(try await db.scanTable("scan_empty", columns: "n", where: "1 = 1") { try $0.integer(0) }.isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func aNullWhereAValueIsRequiredNamesTheColumn(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await table(db)
            await #expect(throws: DatabaseError.self) { _ = try await db.scan("SELECT code, amount_fen FROM scan_things") { try $0.integer(1) } }
            do {
                _ = try await db.scan("SELECT code, name FROM scan_things") { try $0.text(1) }
                Issue.record("a NULL name was read as text")
            } catch let error as DatabaseError {
                #expect(error.description.contains("column 2") && error.description.contains("NULL"))
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func textIsNotReadAsAnInteger(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            try await table(db)
            do {
                _ = try await db.scan("SELECT code FROM scan_things") { try $0.integer(0) }
                Issue.record("text was read as an integer")
            } catch let error as DatabaseError {
                #expect(error.description.contains("column 1"))
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func aBadQueryIsAnError(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine, loadDivisions: false) { db in
            await #expect(throws: (any Error).self) { _ = try await db.scan("SELECT nothing FROM no_such_table") { try $0.text(0) } }
        }
    }
}
