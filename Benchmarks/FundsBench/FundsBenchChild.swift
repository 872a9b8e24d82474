import BenchmarkSupport
import Foundation
import VillageWatchCore
import VillageWatchServer

/// Memory is measured in child processes of FundsBench itself: each imports one file into a
/// fresh SQLite database and reports its own peak resident memory, so that files of different
/// sizes are compared without one run's high-water mark hiding the other's.
enum FundsBenchChild {
    struct Job {
        let directory: URL
        let database: String
    }

    struct Result {
        let seconds: Double
        let peakMiB: Int
    }

    static let marker = "fundsbench-child:"

    /// In the child: import and print `marker seconds peakMiB`.
    static func run(_ job: Job, divisions: URL) async throws {
        let files = FundsBenchFiles(directory: job.directory, accounts: 0, transactions: 0, seconds: 0, megabytes: 0)
        let database = try await FundsBenchPipeline.prepared(.sqlite(path: job.database), files: files, divisions: divisions)
        var report: ImportReport?
        let seconds = try await Measure.seconds {
            report = try await ImportPipeline(database: database).run(any: try Platform.dataset(named: "bank-transactions"),
                                                                      file: files.url("bank-transactions"), options: ImportOptions(), by: .system)
        }
        try FundsBenchPipeline.check(report, label: "child", expecting: .committed, rows: nil)
        await database.shutdown()
        print("\(marker) \(seconds) \(Measure.peakMiB)")
    }

    /// In the parent: run this executable as a child for one directory.
    static func spawn(directory: URL, database: URL, divisions: URL) throws -> Result {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let output = try FundsBenchRaw.run(executable, ["--child", directory.path, database.path, "--divisions", divisions.path])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(marker) }) else {
            throw FundsBenchFailure(message: "the child process printed no result: \(output.prefix(400))")
        }
        let parts = line.split(separator: " ")
        return Result(seconds: Double(parts[1]) ?? 0, peakMiB: Int(parts[2]) ?? 0)
    }
}
