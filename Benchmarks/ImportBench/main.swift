import BenchmarkSupport
import Foundation
import SQLKit
import VillageWatchCore
import VillageWatchDemo
import VillageWatchServer

// ImportBench: how fast the import pipeline loads a county's household registry.
//
//   swift run -c release ImportBench [--scale county|small] [--postgres URL]
//
// Generates the deterministic county (~1.5 million persons), then in one process:
//   1. reference: the CSV reader alone over persons.csv (the floor any import pays);
//   2. the full pipeline into a fresh SQLite database: first load, then the same file again
//      (idempotent: every row compared, nothing written);
//   3. the same on PostgreSQL when --postgres URL (or VILLAGEWATCH_BENCH_POSTGRES_URL) is given.
// Prints rows/s and the ratio to the reference, and the peak resident memory.

struct Arguments {
    var scale = DemoScale.county
    var postgres = ProcessInfo.processInfo.environment["VILLAGEWATCH_BENCH_POSTGRES_URL"]
    var divisions = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VILLAGEWATCH_DIVISIONS"] ?? DivisionCodes.defaultFile)

    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let arg = it.next() {
            switch arg {
            case "--scale": scale = it.next().flatMap(DemoScale.init(rawValue:)) ?? .county
            case "--postgres": postgres = it.next()
            case "--divisions": divisions = URL(fileURLWithPath: it.next() ?? "")
            default: print("unknown argument \(arg)"); exit(2)
            }
        }
    }
}



func report(_ label: String, rows: Int, seconds: Double, reference: Double) {
    let rate = Double(rows) / seconds
    print(label.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%9d rows %8.2f s %9.0f rows/s %6.1f× reference time", rows, seconds, rate, seconds / reference))
}

func importRegistry(_ url: DatabaseURL, label: String, files: [String: URL], divisions: URL, reference: Double, persons: Int) async throws {
    let database = try await Database.connect(url)
    _ = try await Platform.prepare(database, divisions: divisions, edition: DivisionCodes.defaultEdition)
    let pipeline = ImportPipeline(database: database)
    _ = try await pipeline.run(AreasDataset(), file: files["areas"]!, by: .system)
    var first: ImportReport?
    let load = try await Measure.seconds { first = try await pipeline.run(PersonsDataset(), file: files["persons"]!, by: .system) }
    guard first?.outcome == .committed, first?.rowsInserted == persons else { print("\(label): import failed: \(first?.problems.prefix(3) ?? [])"); exit(1) }
    report("\(label) first load", rows: persons, seconds: load, reference: reference)
    var second: ImportReport?
    let again = try await Measure.seconds { second = try await pipeline.run(PersonsDataset(), file: files["persons"]!, by: .system) }
    guard second?.outcome == .unchanged else { print("\(label): re-import changed something"); exit(1) }
    report("\(label) same file again", rows: persons, seconds: again, reference: reference)
    await database.shutdown()
}

let arguments = Arguments()
let work = FileManager.default.temporaryDirectory.appendingPathComponent("vw-importbench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: work) }
let villages = try DemoInstallation.villages(from: arguments.divisions)
var summary: DemoSummary!
let generation = try await Measure.seconds { summary = try DemoGenerator(villages: villages, scale: arguments.scale).generate(into: work.appendingPathComponent("csv")) }
print("ImportBench — \(arguments.scale.rawValue) scale: \(summary.persons) persons in \(summary.households) households, \(summary.groups) groups")
print(String(format: "generated the canonical CSVs in %.2f s", generation))

var parsed = 0
let reference = try await Measure.seconds {
    let reader = try CSVReader(url: summary.files["persons"]!)
    while try reader.next() != nil { parsed += 1 }
}
report("reference: CSV reader only", rows: parsed - 1, seconds: reference, reference: reference)

try await importRegistry(.sqlite(path: work.appendingPathComponent("bench.sqlite").path), label: "SQLite", files: summary.files,
                         divisions: arguments.divisions, reference: reference, persons: summary.persons)
if let base = arguments.postgres {
    let schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
    let admin = try await Database.connect(.postgres(url: base))
    try await admin.withConnection { try await $0.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
    try await importRegistry(.postgres(url: base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"), label: "PostgreSQL",
                             files: summary.files, divisions: arguments.divisions, reference: reference, persons: summary.persons)
    try await admin.withConnection { try await $0.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
    await admin.shutdown()
}
print("peak resident memory: \(Measure.peakMiB) MiB")
