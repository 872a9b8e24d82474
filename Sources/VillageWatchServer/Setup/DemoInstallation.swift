import Foundation
import SQLKit
import VillageWatchCore
import VillageWatchDemo
import VillageWatchFunds

/// `serve --demo`: a complete synthetic Leizhou loaded through the real importers, plus one
/// account per role. Reuses the database when it already holds the demo.
public struct DemoInstallation: Sendable {
    public static let password = "Demo2026leizhou"

    public struct Account: Sendable {
        public let username: String
        public let role: Role
        public let scope: String
        public let displayName: String
    }

    public let directory: URL
    public let divisions: URL
    public let scale: DemoScale

    public init(directory: URL, divisions: URL, scale: DemoScale = .small) {
        self.directory = directory
        self.divisions = divisions
        self.scale = scale
    }

    public var databaseURL: DatabaseURL { .sqlite(path: directory.appendingPathComponent("demo.sqlite").path) }
    public var logKeyPath: String { directory.appendingPathComponent("transparency-signing.key").path }

    /// Generates and imports the demo unless the database already holds it; then ensures the accounts.
    public func install(into database: Database, keyPath: String, log: @Sendable (String) -> Void) async throws -> [Account] {
        let hasPersons = try await database.read { try await $0.select().column("id_number").from("persons").limit(1).first() != nil }
        if !hasPersons {
            let villages = try DemoInstallation.villages(from: divisions)
            let started = Date()
            let summary = try DemoGenerator(villages: villages, scale: scale).generate(into: directory.appendingPathComponent("csv"))
            log("generated \(summary.persons) persons in \(summary.households) households, \(summary.groups) groups, \(summary.cadres) cadres")
            let pipeline = ImportPipeline(database: database)
            for name in ["areas", "persons", "cadres", "relatives"] {
                guard let file = summary.files[name] else { continue }
                let report = try await pipeline.run(any: try Platform.dataset(named: name), file: file, options: ImportOptions(),
                                                    by: .system)
                guard report.outcome != .rejected else { throw DemoImportFailed(report: report) }
                log("imported \(name): \(report.rowsInserted) rows")
            }
            log(String(format: "demo registry ready in %.1f s", Date().timeIntervalSince(started)))
        }
        let hasPublications = try await database.read { try await $0.select().column("id").from("publications").limit(1).first() != nil }
        if !hasPublications {
            let started = Date()
            let platform = try await PlatformServices.make(database: database, keyPath: keyPath)
            let county = try await database.read { try await AreaStore($0).county() }
            let villages = try await Self.villageAreas(database)
            let today = CalendarDate(parsing: String(Timestamp.chinaStandardTime(Date()).prefix(10)))!
            var ledgers: [AreaCode: FundsLedger] = [:]
            for village in villages {
                ledgers[village.code] = try await database.read { try await FinanceStatementReader($0).ledger(of: village.code, rules: platform.classificationRules) }
            }
            let count = try await DemoPublications(store: platform.publications, today: today, ledgers: ledgers)
                .publish(villages: villages, database: database, log: log)
            log("published \(count) demo publication versions for \(villages.count) villages of \(county?.name ?? "the county")"
                + String(format: " in %.1f s", Date().timeIntervalSince(started)))
        }
        return try await ensureAccounts(database)
    }

    private func ensureAccounts(_ database: Database) async throws -> [Account] {
        let county = try await database.read { try await AreaStore($0).county() }
        guard let county else { throw DemoImportFailed(report: nil) }
        let towns = try await database.read { try await AreaStore($0).children(of: county.code) }
        let town = towns.first(where: { $0.name.hasSuffix("镇") }) ?? towns[0]
        let village = try await database.read { try await AreaStore($0).children(of: town.code) }[0]
        let accounts = [
            Account(username: "jiwei", role: .disciplineCommission, scope: county.code.text, displayName: "县纪委监委演示账号"),
            Account(username: "minzheng", role: .countyDepartment, scope: county.code.text, displayName: "县民政局演示账号"),
            Account(username: "zhen", role: .townOfficer, scope: town.code.text, displayName: "\(town.name)干部"),
            Account(username: "jiancha", role: .supervisionOfficer, scope: town.code.text, displayName: "\(town.name)监察专干"),
            Account(username: "cunwen", role: .villageClerk, scope: village.code.text, displayName: "\(village.name)报账员"),
            Account(username: "cunjian", role: .supervisionCommitteeMember, scope: village.code.text, displayName: "\(village.name)监委会"),
            Account(username: "shenji", role: .auditor, scope: county.code.text, displayName: "审计只读账号"),
        ]
        let users = UserStore(database: database)
        for account in accounts where try await users.user(username: account.username) == nil {
            try await users.create(.init(username: account.username, displayName: account.displayName, role: account.role, scope: account.scope,
                                         department: account.role == .countyDepartment ? "民政局" : nil,
                                         password: Self.password, mustChangePassword: false), by: .system)
        }
        return accounts
    }

    /// Every village of the installation.
    public static func villageAreas(_ database: Database) async throws -> [Area] {
        try await database.read { db in
            try await db.select().columns("code", "name", "parent_code").from("areas").where("level", .equal, "village").orderBy("code").all()
                .compactMap { row in AreaCode(try row.decode(column: "code", as: String.self)).map {
                    Area(code: $0, name: (try? row.decode(column: "name", as: String.self)) ?? "", parentCode: try? row.decode(column: "parent_code", as: String.self))
                } }
        }
    }

    /// The villages of the division file, read with the same CSV reader as every import.
    public static func villages(from divisions: URL) throws -> [DemoVillage] {
        let reader = try CSVReader(url: divisions)
        guard let header = try reader.next(), let code = header.fields.firstIndex(of: "code"),
              let name = header.fields.firstIndex(of: "name"), let level = header.fields.firstIndex(of: "level") else {
            throw DivisionCodesMissing(path: divisions.path)
        }
        var villages: [DemoVillage] = []
        while let record = try reader.next() {
            if record.fields[level] == "village" { villages.append(DemoVillage(code: record.fields[code], name: record.fields[name])) }
        }
        return villages
    }
}

struct DemoImportFailed: Error, CustomStringConvertible {
    let report: ImportReport?
    var description: String {
        "the demo data was rejected: " + (report?.problems.prefix(3).map(\.description).joined(separator: "; ") ?? "no county loaded")
    }
}
