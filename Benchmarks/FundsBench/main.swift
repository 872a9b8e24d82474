import BenchmarkSupport
import Foundation
import VillageWatchCore
import VillageWatchDemo
import VillageWatchServer

// FundsBench: how fast the import pipeline loads a county's bank flows, against the raw load.
//
//   swift run -c release FundsBench [--transactions N] [--postgres URL] [--divisions FILE]
//
// Generates N (default 1,000,000) canonical bank transactions with the demo generator over the
// accounts of Leizhou's 485 villages and 2,687 groups, then in one process:
//   1. the pipeline into a fresh SQLite database, all validation on (accounts, date-times,
//      amounts, keys, idempotence, the running-balance review), and the same file again;
//   2. the raw load of the same CSV by `sqlite3 … .import` into a bare table, then into a table
//      with the key and two secondary indexes like `bank_transactions` (see FundsBenchRaw);
//   3. the same two on PostgreSQL (`\copy` by psql) when --postgres URL (or
//      VILLAGEWATCH_BENCH_POSTGRES_URL) is given, each in a schema of its own;
//   4. memory: a quarter of the file and the whole file imported by child processes of this
//      executable, each reporting its own peak resident memory.
// Prints rows/s, the pipeline/raw ratio against both raw loads and peak memory.

let arguments = FundsBenchArguments()
if let child = arguments.child {
    try await FundsBenchChild.run(child, divisions: arguments.divisions)
    exit(0)
}
let work = FileManager.default.temporaryDirectory.appendingPathComponent("vw-fundsbench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: work) }
let villages = try DemoInstallation.villages(from: arguments.divisions)
let files = try await FundsBenchFiles.generate(villages: villages, transactions: arguments.transactions, into: work.appendingPathComponent("full"))
let rows = files.transactions
print("FundsBench — \(rows) bank transactions over \(files.accounts) accounts (\(villages.count) villages and their groups)")
print(String(format: "generated the canonical CSVs in %.2f s (%.0f MiB of transactions)", files.seconds, files.megabytes))

let sqlitePipeline = try await FundsBenchPipeline.run(.sqlite(path: work.appendingPathComponent("bench.sqlite").path), label: "SQLite",
                                                      files: files, divisions: arguments.divisions)
for table in [FundsBenchRaw.Table.bare, .keyed] {
    let raw = try FundsBenchRaw.sqlite(csv: files.url("bank-transactions"), database: work.appendingPathComponent("raw.sqlite"), table: table)
    FundsBenchReport.reference("SQLite", tool: "sqlite3 .import", table: table, rows: rows, seconds: raw, pipeline: sqlitePipeline)
}

if let base = arguments.postgres {
    try await FundsBenchPostgres.withSchema(base) { url, schema in
        let pipeline = try await FundsBenchPipeline.run(.postgres(url: url), label: "PostgreSQL", files: files, divisions: arguments.divisions)
        for table in [FundsBenchRaw.Table.bare, .keyed] {
            let raw = try FundsBenchRaw.postgres(csv: files.url("bank-transactions"), url: base, schema: schema, table: table)
            FundsBenchReport.reference("PostgreSQL", tool: "psql \\copy", table: table, rows: rows, seconds: raw, pipeline: pipeline)
        }
    }
}

let quarter = try await FundsBenchFiles.generate(villages: villages, transactions: rows / 4, into: work.appendingPathComponent("quarter"))
for sample in [quarter, files] {
    let child = try FundsBenchChild.spawn(directory: sample.directory, database: work.appendingPathComponent("child-\(sample.transactions).sqlite"),
                                          divisions: arguments.divisions)
    print("memory: importing \(sample.transactions) rows (\(Int(sample.megabytes)) MiB) in a child process: peak \(child.peakMiB) MiB, "
          + String(format: "%.0f rows/s", Double(sample.transactions) / child.seconds))
}
print("peak resident memory of this process: \(Measure.peakMiB) MiB")
