import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchDemo
import VillageWatchServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Work with the synthetic demo county.",
        subcommands: [Generate.self, Check.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write the deterministic synthetic Leizhou as canonical CSVs: the registry, bank flows, benefit rolls, registries, leases and planted.csv.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Output directory.") var out: String
        @Option(help: "small (~80,000 persons) or county (~1.5 million persons).") var scale: DemoScale = .small
        @Option(help: "Random seed; the same seed gives byte-identical files.") var seed: UInt64 = 440882
        @Option(help: "Bank transactions over all accounts, before rents and planted patterns.") var transactions = DemoBankFlows.demoTransactions
        @Option(help: "Leases per village.") var leases = 12
        @Option(help: "Share of households on 最低生活保障; the county benchmark uses 0.105 (about 3 million payments).") var dibaoShare = 0.08

        func run() async throws {
            let villages = try DemoInstallation.villages(from: global.divisionsFile)
            let started = Date()
            let bank = DemoInstallation.bankFlows
            let summary = try DemoGenerator(villages: villages, scale: scale, seed: seed,
                                            bank: DemoBankFlows(endMonth: bank.endMonth, months: bank.months, transactions: transactions),
                                            supervision: DemoSupervisionData(endMonth: bank.endMonth, leasesPerVillage: leases, dibaoShare: dibaoShare))
                .generate(into: URL(fileURLWithPath: out, isDirectory: true))
            say(String(format: "wrote %d groups, %d households, %d persons (%d invalid ID numbers), %d cadre rows, %d relatives, "
                         + "%d bank accounts with %d transactions, %d benefit payments, %d leases, %d planted cases to %@ in %.1f s",
                         summary.groups, summary.households, summary.persons, summary.invalidIDNumbers, summary.cadres, summary.relatives,
                         summary.bankAccounts, summary.bankTransactions, summary.payments, summary.leases, summary.cases.count,
                         out, Date().timeIntervalSince(started)))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check `villagewatch screen --out` findings against the demo's planted.csv: every case found, no near-miss raised.")

        @Option(help: "planted.csv written by `demo generate`.") var planted: String
        @Option(help: "JSON Lines written by `villagewatch screen --out`.") var findings: String

        func run() throws {
            let cases = try DemoCase.read(from: URL(fileURLWithPath: planted))
            let lines = try String(contentsOfFile: findings, encoding: .utf8).split(separator: "\n").map(String.init)
            let problems = DemoCase.problems(cases, findings: lines)
            for problem in problems { say(problem) }
            say("\(cases.filter(\.shouldFire).count) planted cases, \(cases.filter { !$0.shouldFire }.count) near-misses, "
                + "\(lines.count) findings: \(problems.isEmpty ? "all as planted" : "\(problems.count) wrong")")
            if !problems.isEmpty { throw ExitCode.failure }
        }
    }
}
