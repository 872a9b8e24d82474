import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchDemo
import VillageWatchServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Work with the synthetic demo county.",
        subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write the deterministic synthetic Leizhou as canonical CSVs (areas, persons, cadres, relatives, bank-accounts, bank-transactions).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Output directory.") var out: String
        @Option(help: "small (~80,000 persons) or county (~1.5 million persons).") var scale: DemoScale = .small
        @Option(help: "Random seed; the same seed gives byte-identical files.") var seed: UInt64 = 440882

        func run() async throws {
            let villages = try DemoInstallation.villages(from: global.divisionsFile)
            let started = Date()
            let summary = try DemoGenerator(villages: villages, scale: scale, seed: seed, bank: DemoInstallation.bankFlows)
                .generate(into: URL(fileURLWithPath: out, isDirectory: true))
            say(String(format: "wrote %d groups, %d households, %d persons (%d invalid ID numbers), %d cadre rows, %d relatives, "
                         + "%d bank accounts with %d transactions to %@ in %.1f s",
                         summary.groups, summary.households, summary.persons, summary.invalidIDNumbers, summary.cadres, summary.relatives,
                         summary.bankAccounts, summary.bankTransactions, out, Date().timeIntervalSince(started)))
        }
    }
}
