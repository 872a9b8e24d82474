import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VillageWatchCore
import VillageWatchServer
import VillageWatchTransparency

/// Options every subcommand shares: where the database is and where the division codes are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database URL: sqlite:///path/file.sqlite or postgres://user:pass@host:port/db (env DATABASE_URL).",
                                            valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Statistical division codes CSV (env VILLAGEWATCH_DIVISIONS).", valueName: "file"))
    var divisions: String?

    @Option(name: .long, help: "Edition year of the division codes, recorded on each area.")
    var divisionEdition: String = DivisionCodes.defaultEdition

    @Option(name: .long, help: ArgumentHelp("The public record's signing key file (env VILLAGEWATCH_LOG_KEY_FILE).", valueName: "file"))
    var logKey: String?

    var logKeyPath: String { logKey ?? LogKey.defaultPath }

    /// `villagewatch --database URL migrate` → `villagewatch migrate --database URL`: the
    /// options live on each subcommand, and ArgumentParser only reads them after it.
    static func movingLeadingGlobalsToTheEnd(_ arguments: [String]) -> [String] {
        let names: Set = ["--database", "--divisions", "--division-edition", "--log-key"]
        var leading: [String] = [], rest = arguments[...]
        while let first = rest.first {
            if names.contains(first), rest.count >= 2 {
                leading += rest.prefix(2); rest = rest.dropFirst(2)
            } else if let name = first.split(separator: "=").first, names.contains(String(name)) {
                leading.append(first); rest = rest.dropFirst()
            } else {
                break
            }
        }
        return Array(rest) + leading
    }

    var databaseURL: DatabaseURL {
        get throws {
            guard let text = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] else { return .defaultSQLite }
            return try DatabaseURL(parsing: text)
        }
    }

    var divisionsFile: URL {
        URL(fileURLWithPath: divisions ?? ProcessInfo.processInfo.environment["VILLAGEWATCH_DIVISIONS"] ?? DivisionCodes.defaultFile)
    }

    /// Connects, migrates and loads the division codes: every command that touches data starts here.
    func open(log: Bool = false) async throws -> Database {
        try await open(try databaseURL, log: log)
    }

    func open(_ url: DatabaseURL, log: Bool) async throws -> Database {
        let database = try await Database.connect(url)
        do {
            let done = try await Platform.prepare(database, divisions: divisionsFile, edition: divisionEdition)
            if log { done.forEach { say("migrate: \($0)") } }
        } catch {
            await database.shutdown()
            throw error
        }
        return database
    }
}

/// The OS account running the command (from the process's user id, not the environment),
/// recorded as the actor of CLI changes.
var commandLineActor: AuditActor {
    .commandLine(getpwuid(getuid()).flatMap { String(validatingCString: $0.pointee.pw_name) } ?? "uid-\(getuid())")
}

/// A failure found while running a command: one line, exit status 1, no usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with an open database and always closes it.
func withDatabase<R>(_ global: GlobalOptions, log: Bool = false, _ body: (Database) async throws -> R) async throws -> R {
    let database = try await global.open(log: log)
    do {
        let result = try await body(database)
        await database.shutdown()
        return result
    } catch {
        await database.shutdown()
        throw error
    }
}
