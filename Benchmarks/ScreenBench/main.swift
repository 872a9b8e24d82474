import BenchmarkSupport
import Foundation
import VillageWatchCore
import VillageWatchDemo
import VillageWatchPublications
import VillageWatchServer
import VillageWatchSupervision

// ScreenBench: the comparison engine over a county-scale synthetic Leizhou (1.5 M persons,
// ~3 M benefit payments over 12 months, ~600 k bank lines on 3,172 accounts, 30 k leases,
// registries), end to end on SQLite and, with --postgres URL, PostgreSQL; beside it, in the
// same run, the same rules as SQL in DuckDB over the same CSVs (tools/screen-reference.py).
//
//   swift run -c release ScreenBench [--work DIR] [--postgres URL] [--divisions FILE] [--no-sqlite] [--no-reference]
//
// The CSVs are generated once into DIR/csv and each database loaded once (re-runs reuse them).
// Each engine runs in a child process of its own (`--engine NAME`), as `villagewatch screen`
// would: first the whole screening (read the world, run every rule, store the findings), then
// the world again for each code's rules alone. The DuckDB reference runs as a child too.

struct Arguments {
    var work = URL(fileURLWithPath: "var/screenbench", isDirectory: true)
    var postgres: String?
    var sqlite = true
    var reference = true
    /// Set in the child process that benchmarks one engine.
    var engine: String?
    var divisions = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VILLAGEWATCH_DIVISIONS"] ?? DivisionCodes.defaultFile)

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let argument = it.next() {
            switch argument {
            case "--work": work = URL(fileURLWithPath: it.next() ?? "", isDirectory: true)
            case "--postgres": postgres = it.next()
            case "--divisions": divisions = URL(fileURLWithPath: it.next() ?? "")
            case "--no-sqlite": sqlite = false
            case "--no-reference": reference = false
            case "--engine": engine = it.next()
            default: print("unknown argument \(argument)"); exit(2)
            }
        }
    }
}

let arguments = Arguments(CommandLine.arguments)
let csv = arguments.work.appendingPathComponent("csv", isDirectory: true)
let bank = DemoInstallation.bankFlows
let planted = csv.appendingPathComponent("planted.csv")

/// Printed at once, so a long run shows its progress in a log file.
func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
func format(_ seconds: Double) -> String { String(format: "%.1f s", seconds) }

if !FileManager.default.fileExists(atPath: planted.path) {
    let generator = DemoGenerator(villages: try DemoInstallation.villages(from: arguments.divisions), scale: .county,
                                  bank: DemoBankFlows(endMonth: bank.endMonth, months: bank.months, transactions: 530_000),
                                  supervision: DemoSupervisionData(endMonth: bank.endMonth, leasesPerVillage: DemoSupervisionData.countyLeasesPerVillage,
                                                                    dibaoShare: DemoSupervisionData.countyDibaoShare))
    var summary: DemoSummary?
    let seconds = try await Measure.seconds { summary = try generator.generate(into: csv) }
    line("generated \(summary!.persons) persons, \(summary!.payments) benefit payments, \(summary!.bankTransactions) bank lines on "
         + "\(summary!.bankAccounts) accounts, \(summary!.leases) leases, \(summary!.cases.count) planted cases in \(format(seconds))")
}
let cases = try DemoCase.read(from: planted)

/// Loads every file through the import pipeline unless the database already holds them.
func load(_ database: Database) async throws {
    _ = try await Platform.prepare(database, divisions: arguments.divisions, edition: DivisionCodes.defaultEdition)
    let loaded = try await database.read { try await $0.raw("SELECT 1 AS one FROM benefit_payments LIMIT 1").first() != nil }
    guard !loaded else { return }
    let pipeline = ImportPipeline(database: database)
    for (name, path) in [("areas", "areas.csv"), ("persons", "persons.csv"), ("cadres", "cadres.csv"), ("relatives", "relatives.csv"),
                         ("bank-accounts", "bank-accounts.csv"), ("bank-transactions", "bank-transactions.csv")] + DemoSupervisionData.files {
        var report: ImportReport?
        let seconds = try await Measure.seconds {
            report = try await pipeline.run(any: try Platform.dataset(named: name), file: csv.appendingPathComponent(path), options: ImportOptions(), by: .system)
        }
        guard report?.outcome == .committed || report?.outcome == .unchanged else {
            throw ExternalTool.Failure(description: "\(name): \(report?.problems.prefix(3).map(\.description) ?? [])")
        }
        line("  loaded \(name): \(report!.rowsInserted) rows in \(format(seconds))")
    }
}

/// One engine, in a fresh process: the whole screening as `villagewatch screen` runs it (with
/// its phases) and the planted cases checked; then the world read again, prepared, and each
/// code's rules alone (time, peak memory).
func bench(_ label: String, _ url: DatabaseURL) async throws -> Double {
    let database = try await Database.connect(url)
    try await load(database)
    guard let county = try await database.read({ try await AreaStore($0).county()?.code }) else { throw ExternalTool.Failure(description: "no county") }
    let thresholds = ScreeningThresholds(), rules = try PlatformServices.complianceRules()
    Measure.resetPeak()
    var result: (findings: [Finding], outcome: FindingStore.Outcome)?
    let run = ScreeningRun(database: database, thresholds: thresholds, complianceRules: rules) { phase, elapsed in
        line("  \(phase): " + format(elapsed.seconds))
    }
    let total = try await Measure.seconds { result = try await run.screen(county, codes: Set(FindingCode.allCases), by: .system) }
    let problems = DemoCase.problems(cases, findings: result!.findings.map(\.jsonLine))
    line("\(label): whole county screened in \(format(total)) (read, every rule, store): \(result!.findings.count) findings, "
         + "\(result!.outcome.new) new, \(result!.outcome.unchanged) unchanged; peak \(Measure.peakMiB) MiB; planted cases: "
         + (problems.isEmpty ? "all \(cases.count) as planted" : "\(problems.count) wrong: \(problems.prefix(5))"))
    try result!.findings.map(\.jsonLine).joined(separator: "\n").write(to: arguments.work.appendingPathComponent("\(label).jsonl"), atomically: true, encoding: .utf8)
    result = nil
    try await perCode(label, database, county, thresholds, rules)
    await database.shutdown()
    return total
}

func perCode(_ label: String, _ database: Database, _ county: AreaCode, _ thresholds: ScreeningThresholds, _ rules: ComplianceRules) async throws {
    let today = CalendarDate(parsing: String(Timestamp.chinaStandardTime(Date()).prefix(10)))!
    var world = ScreeningWorld()
    let loadSeconds = try await Measure.seconds {
        world = try await ScreeningWorldLoader(database, complianceRules: rules, today: today).load(county)
    }
    line("\(label): world read in \(format(loadSeconds)), \(Measure.residentMiB) MiB resident")
    var screening: Screening?
    let prepareSeconds = await Measure.seconds { screening = Screening(world: world, thresholds: thresholds) }
    line("\(label): prepared (households, payments linked to persons) in \(format(prepareSeconds)), \(Measure.residentMiB) MiB resident")
    line("  " + "code".padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%9@ %9@ %10@", "findings" as NSString, "seconds" as NSString, "peak MiB" as NSString))
    for code in FindingCode.allCases {
        Measure.resetPeak()
        var found: [Finding] = []
        let seconds = await Measure.seconds { found = screening!.findings([code]) }
        line("  " + code.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%9d %9.2f %10d", found.count, seconds, Measure.peakMiB))
    }
}

/// The engines asked for, each with its database URL.
var engines: [(label: String, url: DatabaseURL)] {
    get throws {
        (arguments.sqlite ? [("SQLite", .sqlite(path: arguments.work.appendingPathComponent("screen.sqlite").path))] : [])
            + (try arguments.postgres.map { [("PostgreSQL", try DatabaseURL(parsing: $0))] } ?? [])
    }
}

if let name = arguments.engine {
    guard let engine = try engines.first(where: { $0.label == name }) else { throw ExternalTool.Failure(description: "unknown engine \(name)") }
    line("total \(try await bench(engine.label, engine.url))")
    exit(0)
}

var timings: [(String, Double)] = []
let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
for engine in try engines {
    let output = try ExternalTool.run(me, CommandLine.arguments.dropFirst() + ["--engine", engine.label])
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    line(lines.filter { !$0.hasPrefix("total ") }.joined(separator: "\n"))
    guard let total = lines.last(where: { $0.hasPrefix("total ") }).flatMap({ Double($0.dropFirst(6)) }) else {
        throw ExternalTool.Failure(description: "\(engine.label): no total in the child's output")
    }
    timings.append((engine.label, total))
}

let reference = arguments.work.appendingPathComponent("reference.tsv").path
var duckdb: Double?
let started = ContinuousClock.now
if arguments.reference, let output = try? ExternalTool.run("python3", ["tools/screen-reference.py", "--csv", csv.path, "--out", reference]) {
    duckdb = (ContinuousClock.now - started).seconds
    line("DuckDB reference (python3 tools/screen-reference.py, CSV reading included):\n" + output)
    let comparison = (try? ExternalTool.run("python3", ["tools/screen-reference-compare.py", arguments.work.appendingPathComponent((timings.first?.0 ?? "SQLite") + ".jsonl").path, reference]))
    line(comparison ?? "the reference's findings differ from the engine's (run tools/screen-reference-compare.py to see which)")
} else {
    line("DuckDB reference not run: `pip install duckdb` and keep tools/screen-reference.py")
}
for (label, seconds) in timings {
    line("\(label): \(format(seconds))" + (duckdb.map { String(format: ", %.2f× the DuckDB reference's %.1f s (below 1 is faster)", seconds / $0, $0) } ?? ""))
}
