import BenchmarkSupport
import Foundation
import VillageWatchCore
import VillageWatchServer

/// The import pipeline on one engine: a fresh database with the divisions, the demo's groups and
/// bank accounts, then the timed load of the transactions and the same file again.
enum FundsBenchPipeline {
    /// Seconds of the first load.
    static func run(_ url: DatabaseURL, label: String, files: FundsBenchFiles, divisions: URL) async throws -> Double {
        let database = try await prepared(url, files: files, divisions: divisions)
        let pipeline = ImportPipeline(database: database)
        var first: ImportReport?, second: ImportReport?
        let load = try await Measure.seconds { first = try await pipeline.run(any: try Platform.dataset(named: "bank-transactions"),
                                                                              file: files.url("bank-transactions"), options: ImportOptions(), by: .system) }
        try check(first, label: label, expecting: .committed, rows: files.transactions)
        FundsBenchReport.line("\(label) pipeline, first load", rows: files.transactions, seconds: load)
        let again = try await Measure.seconds { second = try await pipeline.run(any: try Platform.dataset(named: "bank-transactions"),
                                                                                file: files.url("bank-transactions"), options: ImportOptions(), by: .system) }
        try check(second, label: label, expecting: .unchanged, rows: files.transactions)
        FundsBenchReport.line("\(label) pipeline, same file again", rows: files.transactions, seconds: again)
        await database.shutdown()
        return load
    }

    /// A migrated database holding the divisions, the groups and the accounts.
    static func prepared(_ url: DatabaseURL, files: FundsBenchFiles, divisions: URL) async throws -> Database {
        let database = try await Database.connect(url)
        _ = try await Platform.prepare(database, divisions: divisions, edition: DivisionCodes.defaultEdition)
        let pipeline = ImportPipeline(database: database)
        for name in ["areas", "bank-accounts"] {
            let report = try await pipeline.run(any: try Platform.dataset(named: name), file: files.url(name), options: ImportOptions(), by: .system)
            try check(report, label: name, expecting: .committed, rows: nil)
        }
        return database
    }

    static func check(_ report: ImportReport?, label: String, expecting outcome: ImportReport.Outcome, rows: Int?) throws {
        guard let report, report.outcome == outcome, rows == nil || report.rowsInserted + report.rowsUnchanged == rows else {
            throw FundsBenchFailure(message: "\(label): \(report?.outcome.rawValue ?? "no report") \(report?.problems.prefix(3).map(\.description) ?? [])")
        }
    }
}

struct FundsBenchFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
