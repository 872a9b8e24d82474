import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchEchoWall

struct Open311Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open311", abstract: "The Open311 GeoReport v2 API (/open311/v2/).", subcommands: [Key.self])

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key", abstract: "API keys of Open311 clients.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Issue an API key for a client and print it once.",
                discussion: "Clients POST requests with api_key=KEY; reads need no key. Only the key's hash is stored.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "Client name, e.g. wechat-miniprogram.") var name: String

            func run() async throws {
                let key = try await withDatabase(global) { database in
                    do {
                        return try await Open311KeyStore(database: database).add(name: name, by: commandLineActor)
                    } catch let problem as Open311KeyStore.Problem {
                        throw CommandFailure(problem.description)
                    }
                }
                say("Open311 client \(name) registered; its API key (shown once):")
                say(key)
            }
        }
    }
}

struct EchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "echo", abstract: "The echo wall (回音壁).", subcommands: [Escalate.self])

    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Escalate every late item one level now (the server also does this every ten minutes).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let escalated = try await withDatabase(global) { database in
                try await EchoItemStore(database: database, workflow: EchoWorkflow(rules: try EchoRules.load()), box: try SecretBox.loadOrCreate(),
                                        notifier: Notifiers.fromEnvironment()).escalateOverdue()
            }
            say("escalated \(escalated.count) late item(s)\(escalated.isEmpty ? "" : ": " + escalated.map(String.init).joined(separator: ", "))")
        }
    }
}
