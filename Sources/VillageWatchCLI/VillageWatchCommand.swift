import ArgumentParser

/// `villagewatch`: run the server, migrate, import, generate the demo, manage accounts, verify the audit chain.
@main
struct VillageWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "villagewatch",
        abstract: "VillageWatch — village-level supervision platform (村级组织监督云平台).",
        subcommands: [ServeCommand.self, MigrateCommand.self, ImportCommand.self, DemoCommand.self, UserCommand.self, AuditCommand.self])

}
