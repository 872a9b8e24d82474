import ArgumentParser

/// `villagewatch`: run the server, migrate, import, generate the demo, manage accounts, verify the audit chain.
@main
struct VillageWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "villagewatch",
        abstract: "VillageWatch — village-level supervision platform (村级组织监督云平台).",
        discussion: "Global options (--database, --divisions, --division-edition) may come before or after the subcommand.",
        subcommands: [ServeCommand.self, MigrateCommand.self, ImportCommand.self, DemoCommand.self, UserCommand.self, AuditCommand.self, LogCommand.self, BankCommand.self, BankClientCommand.self, ScreenCommand.self, EchoCommand.self, Open311Command.self])

    /// Parses with global options accepted in front of the subcommand as well.
    static func main() async {
        do {
            var command = try parseAsRoot(GlobalOptions.movingLeadingGlobalsToTheEnd(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
