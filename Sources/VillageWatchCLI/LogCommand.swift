import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchServer
import VillageWatchTransparency

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The tamper-evident public record.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every published record against its log leaf, every checkpoint's signature and root, and consistency between checkpoints; exit 1 on the first failure.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let result = try await withDatabase(global) { database in
                try await PlatformServices.make(database: database, keyPath: global.logKeyPath).log.verify()
            }
            switch result {
            case .intact(let leaves, let checkpoints):
                say("public record intact: \(leaves) leaves match their records; \(checkpoints) signed checkpoints verified and consistent")
            case .broken(let reason):
                printError("public record broken: \(reason)")
                throw ExitCode(1)
            }
        }
    }
}
