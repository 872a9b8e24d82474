import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchServer

extension Role: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage back-office accounts.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the user must change the initial password at first sign-in.",
            discussion: "Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). The password is read from --password or the VILLAGEWATCH_PASSWORD environment variable.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Username (3–32 letters, digits, '.', '-', '_').") var username: String
        @Option(help: "Role.") var role: Role
        @Option(help: "Area code the account is scoped to (its subtree).") var scope: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "County department (for county-department accounts).") var department: String?
        @Option(help: "Initial password (or env VILLAGEWATCH_PASSWORD).") var password: String?

        func run() async throws {
            guard let password = password ?? ProcessInfo.processInfo.environment["VILLAGEWATCH_PASSWORD"] else {
                throw CommandFailure("give the initial password with --password or VILLAGEWATCH_PASSWORD")
            }
            let user = try await withDatabase(global) { database in
                try await UserStore(database: database).create(.init(username: username, displayName: name ?? username, role: role,
                                                                      scope: scope, department: department, password: password), by: commandLineActor)
            }
            say("created \(user.username) (\(user.role.rawValue), scope \(user.scope)); the password must be changed at first sign-in")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let users = try await withDatabase(global) { try await UserStore(database: $0).list() }
            for user in users {
                let flags = [user.disabled ? "disabled" : "active", user.mustChangePassword ? "must-change-password" : nil].compactMap { $0 }
                say("\(user.username)\t\(user.role.rawValue)\t\(user.scope)\t\(user.displayName)\t\(flags.joined(separator: ","))")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @OptionGroup var global: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await withDatabase(global) { try await UserStore(database: $0).setDisabled(username, true, by: commandLineActor) }
            say("disabled \(username)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-enable a disabled account.")
        @OptionGroup var global: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await withDatabase(global) { try await UserStore(database: $0).setDisabled(username, false, by: commandLineActor) }
            say("enabled \(username)")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password that must be changed at next sign-in (from --password or VILLAGEWATCH_PASSWORD).")
        @OptionGroup var global: GlobalOptions
        @Argument var username: String
        @Option var password: String?

        func run() async throws {
            guard let password = password ?? ProcessInfo.processInfo.environment["VILLAGEWATCH_PASSWORD"] else {
                throw CommandFailure("give the new password with --password or VILLAGEWATCH_PASSWORD")
            }
            try await withDatabase(global) { try await UserStore(database: $0).setPassword(username, to: password, mustChange: true, by: commandLineActor) }
            say("password of \(username) reset; it must be changed at next sign-in")
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit chain.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; exit 1 naming the first entry that was edited, deleted or reordered.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let result = try await withDatabase(global) { database in try await database.read { try await AuditLog.verify($0) } }
            switch result {
            case .intact(let entries):
                say("audit chain intact: \(entries) entries verified")
            case .broken(let seq, let reason):
                printError("audit chain broken at entry \(seq): \(reason)")
                throw ExitCode(1)
            }
        }
    }
}
