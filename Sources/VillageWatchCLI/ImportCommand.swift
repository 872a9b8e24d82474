import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchFunds
import VillageWatchServer

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a canonical CSV (areas, persons, cadres, relatives, …) all-or-nothing.",
        discussion: """
            Every row is validated; if any row is bad, nothing is written and each problem is printed as \
            FILE:LINE: FIELD: reason. Importing the same file twice changes nothing; a key already stored with \
            different content is a conflict. Every run is recorded with the file's SHA-256. Exit status 1 when rejected.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Dataset name, e.g. persons.") var dataset: String
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Validate against the database without writing anything.") var dryRun = false
    @Flag(help: "Do not re-screen the county after the import (bulk loads: run `villagewatch screen` once at the end).") var noScreen = false
    @Option(help: "File encoding: utf-8 or gbk/gb18030 (default: detect).") var encoding: String?
    @Option(help: "bank-transactions only: the statement's mapping profile (default: detect MT940, camt.053 or a profile).") var profile: String?
    @Option(help: "bank-transactions only: the account number, when the statement does not name it.") var account: String?

    func run() async throws {
        let dataset = try Platform.dataset(named: self.dataset)
        var options = ImportOptions(dryRun: dryRun)
        if let encoding {
            guard let parsed = TextEncoding(name: encoding) else { throw CommandFailure("unknown encoding '\(encoding)': use utf-8 or gb18030") }
            options.encoding = parsed
        }
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw CommandFailure("cannot read file \(file)") }
        let started = Date()
        let (report, screening) = try await withDatabase(global) { database in
            let report = try await load(dataset, url, options: options, into: database)
            return (report, noScreen ? nil : try await Platform.rescreen(after: report, database: database, by: commandLineActor))
        }
        let seconds = Date().timeIntervalSince(started)
        for warning in report.warnings.prefix(20) { say("warning: \(warning)") }
        if report.warnings.count > 20 { say("warning: … \(report.warnings.count - 20) more warnings") }
        for problem in report.problems { printError("error: \(problem)") }
        say(String(format: "%@ %@: %@ — %d read, %d inserted, %d unchanged, %d rejected in %.1f s (%.0f rows/s)",
                     report.dataset, report.fileName, report.outcome.rawValue, report.rowsRead, report.rowsInserted,
                     report.rowsUnchanged, report.rowsRejected, seconds, Double(report.rowsRead) / max(seconds, 0.001)))
        if let screening {
            say("re-screened the county: \(screening.new) new findings, \(screening.unchanged) unchanged, \(screening.resolved) resolved")
        }
        if report.outcome == .rejected { throw ExitCode(1) }
    }

    private func load(_ dataset: any ImportDataset, _ url: URL, options: ImportOptions, into database: Database) async throws -> ImportReport {
        let pipeline = ImportPipeline(database: database)
        guard dataset.name == BankTransactionsDataset().name else {
            return try await pipeline.run(any: dataset, file: url, options: options, by: .commandLine(commandLineActor))
        }
        do {
            return try await StatementImport.run(file: url, profile: profile, account: account, options: options, pipeline: pipeline,
                                                 by: .commandLine(commandLineActor))
        } catch let error as StatementParseError {
            throw CommandFailure(error.description)
        }
    }
}

/// Writes a line to standard output unbuffered, so progress reaches a log file as it happens.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
