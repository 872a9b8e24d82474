import ArgumentParser
import Foundation
import Logging
import VillageWatchCore
import VillageWatchDemo
import VillageWatchServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server (public portal, back office, API) until SIGTERM or Ctrl-C.",
        discussion: """
            Migrates the database and loads the division codes first. With --demo, uses ./var/demo.sqlite \
            (or $VILLAGEWATCH_DEMO_DIR/demo.sqlite), filling it on first start with a synthetic Leizhou loaded \
            through the real importers, and prints one login per role.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Flag(help: "Serve the demo county (creates or reuses the demo database).") var demo = false
    @Option(help: "Demo size: small (~80,000 persons) or county (~1.5 million).") var scale: DemoScale = .small
    @Flag(help: "Mark cookies Secure (set when served behind TLS).") var secureCookies = false

    func run() async throws {
        let logger = Logger(label: "villagewatch")
        let database: Database
        var accounts: [DemoInstallation.Account] = []
        var keyPath = global.logKeyPath
        if demo {
            let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VILLAGEWATCH_DEMO_DIR"] ?? "./var", isDirectory: true)
            let installation = DemoInstallation(directory: directory, divisions: global.divisionsFile, scale: scale)
            database = try await global.open(installation.databaseURL, log: true)
            if global.logKey == nil { keyPath = installation.logKeyPath }
            do {
                accounts = try await installation.install(into: database, keyPath: keyPath) { say("demo: \($0)") }
            } catch {
                await database.shutdown()
                throw error
            }
        } else {
            database = try await global.open(log: true)
        }
        let logins = accounts
        try await VillageWatchApp.run(database: database, configuration: .init(host: host, port: port, secureCookies: secureCookies, logKeyPath: keyPath),
                                      logger: logger) { url in
            say("VillageWatch is serving \(url)")
            if !logins.isEmpty {
                say("demo logins (password \(DemoInstallation.password)):")
                for account in logins { say("  \(account.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(account.role.rawValue) · \(account.displayName)") }
                say("demo Open311 API key (POST \(url)open311/v2/requests.json with api_key=…): \(DemoInstallation.open311Key)")
            }
        }
    }
}

extension DemoScale: ExpressibleByArgument {}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations and load the division codes if the database has none.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withDatabase(global, log: true) { _ in say("database is up to date") }
    }
}
