import Foundation
import VillageWatchCore

/// The command line of FundsBench; `--child DIR` is how it runs itself to measure memory.
struct FundsBenchArguments {
    var transactions = 1_000_000
    var postgres = ProcessInfo.processInfo.environment["VILLAGEWATCH_BENCH_POSTGRES_URL"]
    var divisions = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VILLAGEWATCH_DIVISIONS"] ?? DivisionCodes.defaultFile)
    var child: FundsBenchChild.Job?

    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let arg = it.next() {
            switch arg {
            case "--transactions": transactions = it.next().flatMap(Int.init) ?? transactions
            case "--postgres": postgres = it.next()
            case "--divisions": divisions = URL(fileURLWithPath: it.next() ?? "")
            case "--child": child = FundsBenchChild.Job(directory: URL(fileURLWithPath: it.next() ?? ""), database: it.next() ?? "")
            default: print("unknown argument \(arg)"); exit(2)
            }
        }
    }
}
