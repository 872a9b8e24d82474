import ArgumentParser
import Foundation
import VillageWatchFunds

struct BankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank", abstract: "Bank statements of collective accounts.", subcommands: [Parse.self])

    struct Parse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a statement (MT940/MT942, camt.053, a bank's CSV/XLSX export) and print it, touching no database.",
            discussion: "Without --profile the format is detected. Profiles: built in, plus JSON files in ./config/bank-profiles/ or $VILLAGEWATCH_BANK_PROFILES (see docs/bank-profiles.md).")

        @Argument(help: "The statement file.") var file: String
        @Option(help: "Mapping profile name (e.g. rcb-corporate, icbc-credit, canonical).") var profile: String?
        @Flag(help: "Print JSON: {\"statements\":[…]}.") var json = false
        @Flag(help: "Also require balances to add up, as an import does.") var strict = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read file \(file)") }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let result: (format: StatementReader.Format, statements: [ParsedStatement])
            do {
                result = try StatementReader.parse(data, fileName: name, profile: profile, catalog: try BankProfileCatalog.standard(), strict: strict)
            } catch {
                throw CommandFailure(error.description)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                say(String(decoding: try encoder.encode(["statements": result.statements]), as: UTF8.self))
            } else {
                say("\(name): \(result.format), \(result.statements.count) statement(s)")
                for statement in result.statements {
                    say("  account \(statement.account.isEmpty ? "(none)" : statement.account) \(statement.currency): \(statement.transactions.count) transactions")
                }
            }
        }
    }
}
