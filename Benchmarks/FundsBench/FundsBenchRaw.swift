import BenchmarkSupport
import Foundation

/// The floor: the same CSV loaded into a bare table of text columns by the engines' own tools,
/// no validation, no keys, no indexes. Run as subprocesses; only the load itself is timed.
enum FundsBenchRaw {
    static let columns = ["account_number", "transaction_id", "booked_at", "amount", "balance", "counterparty_account", "counterparty_name",
                          "counterparty_bank", "channel", "summary", "purpose"]
    static var createTable: String { "CREATE TABLE raw_transactions (" + columns.map { "\($0) TEXT" }.joined(separator: ", ") + ")" }

    /// Seconds of `sqlite3 DB ".import --csv --skip 1 FILE raw_transactions"`.
    static func sqlite(csv: URL, database: URL) throws -> Double {
        try run("sqlite3", [database.path, createTable])
        return try time("sqlite3", [database.path, ".import --csv --skip 1 \(csv.path) raw_transactions"])
    }

    /// Seconds of `psql URL -c "\copy schema.raw_transactions FROM FILE (csv, header)"`.
    static func postgres(csv: URL, url: String, schema: String) throws -> Double {
        try run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "SET search_path TO \(schema)", "-c", createTable])
        return try time("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
                                 "\\copy \(schema).raw_transactions FROM '\(csv.path)' WITH (FORMAT csv, HEADER true)"])
    }

    private static func time(_ tool: String, _ arguments: [String]) throws -> Double {
        let start = ContinuousClock.now
        try run(tool, arguments)
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Runs a tool found on PATH; its failure (or absence) ends the benchmark with its message.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FundsBenchFailure(message: "\(tool) failed (\(process.terminationStatus)): \(text.prefix(400)) — is \(tool) installed?")
        }
        return text
    }
}
