import VaporCSQLite

/// The current row of a bulk read (`Database.scan`), read by column position: SQLite's own
/// column functions, or PostgreSQL's text form of the row (`RecordText`).
///
/// Screening reads millions of rows at once; SQLKit's by-name, `Codable` decoding of each column
/// cost several times the database's own work, so bulk reads take this narrow path instead.
public struct ScannedRow {
    enum Cells {
        /// A statement positioned on a row; valid only during the callback.
        case sqlite(OpaquePointer)
        /// A record of PostgreSQL's text output, in the chunk it came in; valid only during the callback.
        case record(RecordText)
    }

    let cells: Cells
    let query: String

    /// The column's text, `nil` when it is NULL.
    public func optionalText(_ column: Int) throws -> String? {
        switch cells {
        case .sqlite(let statement):
            guard let bytes = sqlite_nio_sqlite3_column_text(statement, Int32(column)) else { return nil }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, Int32(column)))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        case .record(let record):
            do { return try record.text(column) } catch { throw unreadable(column, error) }
        }
    }

    /// The column's integer, `nil` when it is NULL. SQLite would read text as 0; like
    /// PostgreSQL, a column that is not an integer is an error.
    public func optionalInteger(_ column: Int) throws -> Int64? {
        switch cells {
        case .sqlite(let statement):
            switch sqlite_nio_sqlite3_column_type(statement, Int32(column)) {
            case SQLITE_NULL: return nil
            case SQLITE_INTEGER: return sqlite_nio_sqlite3_column_int64(statement, Int32(column))
            default: throw unreadable(column, "not an integer")
            }
        case .record(let record):
            do { return try record.integer(column) } catch { throw unreadable(column, "not an integer") }
        }
    }

    public func text(_ column: Int) throws -> String {
        guard let value = try optionalText(column) else { throw unreadable(column, "NULL") }
        return value
    }

    public func integer(_ column: Int) throws -> Int64 {
        guard let value = try optionalInteger(column) else { throw unreadable(column, "NULL") }
        return value
    }

    func unreadable(_ column: Int, _ reason: Any) -> DatabaseError {
        .unreadableRow(query: query, column: column, reason: String(describing: reason))
    }
}
