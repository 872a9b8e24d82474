import BenchmarkSupport
import Foundation
import VillageWatchCore

/// The references: the same CSV loaded by the engines' own tools, no validation, into
///  - a bare table of text columns, no keys, no indexes (the floor), and
///  - a keyed table with `bank_transactions`' primary key and two secondary indexes, which every
///    real load pays whatever the validation around it.
///
/// The CSV has no `area_code`/`booked_on` (the pipeline derives them from the account and the
/// time), so the keyed table's second index is on (counterparty_account, booked_at): two text
/// columns of comparable width. Amounts stay text because the tools cannot turn yuan into fen;
/// foreign keys are left out, as the tools cannot fill `import_id`. Run as subprocesses; only
/// the load itself is timed.
enum FundsBenchRaw {
    enum Table: String {
        case bare = "raw_transactions"
        case keyed = "keyed_transactions"

        var label: String { self == .bare ? "bare table" : "table with key + 2 indexes" }

        var create: [String] {
            let columns = FundsBenchRaw.columns.map { "\($0) TEXT" + (FundsBenchRaw.key.contains($0) ? " NOT NULL" : "") }
            guard self == .keyed else { return ["CREATE TABLE \(rawValue) (" + columns.joined(separator: ", ") + ")"] }
            return ["CREATE TABLE \(rawValue) (" + columns.joined(separator: ", ") + ", PRIMARY KEY (account_number, transaction_id))",
                    "CREATE INDEX \(rawValue)_booked ON \(rawValue) (account_number, booked_at)",
                    "CREATE INDEX \(rawValue)_counterparty ON \(rawValue) (counterparty_account, booked_at)"]
        }
    }

    static let columns = ["account_number", "transaction_id", "booked_at", "amount", "balance", "counterparty_account", "counterparty_name",
                          "counterparty_bank", "channel", "summary", "purpose"]
    static let key = ["account_number", "transaction_id"]

    /// Seconds of `sqlite3 DB ".import --csv --skip 1 FILE table"`.
    static func sqlite(csv: URL, database: URL, table: Table) throws -> Double {
        try run("sqlite3", [database.path] + table.create.map { $0 + ";" })
        return try time("sqlite3", [database.path, ".import --csv --skip 1 \(csv.path) \(table.rawValue)"])
    }

    /// Seconds of `psql URL -c "\copy schema.table FROM FILE (csv, header)"`.
    static func postgres(csv: URL, url: String, schema: String, table: Table) throws -> Double {
        try run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "SET search_path TO \(schema)"] + table.create.flatMap { ["-c", $0] })
        return try time("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
                                 "\\copy \(schema).\(table.rawValue) FROM '\(csv.path)' WITH (FORMAT csv, HEADER true)"])
    }

    private static func time(_ tool: String, _ arguments: [String]) throws -> Double {
        let start = ContinuousClock.now
        try run(tool, arguments)
        return (ContinuousClock.now - start).seconds
    }

    /// Runs a tool found on PATH; its failure (or absence) ends the benchmark with its message.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        try ExternalTool.run(tool, arguments)
    }
}
