import ArgumentParser
import Foundation
import VillageWatchCore
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

struct BankClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank-client", abstract: "Banks allowed to push transactions (银企直连).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a bank client and print its HMAC secret once.",
            discussion: "The bank signs each POST /api/v1/bank-feed/transactions with HMAC-SHA256 over timestamp, nonce and body (see README). The secret is stored sealed with the key in ./var/secrets.key (or $VILLAGEWATCH_SECRETS_KEY_FILE).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Client name, e.g. leizhou-rcb.") var name: String

        func run() async throws {
            let secret = try await withDatabase(global) { database in
                try await BankClientStore(database: database, box: try SecretBox.loadOrCreate()).add(name: name, by: commandLineActor)
            }
            say("bank client \(name) registered; its secret (shown once, give it to the bank over a secure channel):")
            say(secret)
        }
    }
}
