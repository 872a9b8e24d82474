import Foundation
import SQLKit
import VillageWatchCore
import VillageWatchDemo
import VillageWatchFunds
import VillageWatchSupervision

/// `serve --demo`: a complete synthetic Leizhou loaded through the real importers, plus one
/// account per role. Reuses the database when it already holds the demo.
public struct DemoInstallation: Sendable {
    public static let password = "Demo2026leizhou"
    public static var open311Key: String { DemoEchoItems.open311Key }

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
        let needsRegistry = try await Self.isEmpty("persons", database)
        let needsBank = try await Self.isEmpty("bank_accounts", database)
        let needsRolls = try await Self.isEmpty("benefit_payments", database)
        if needsRegistry || needsBank || needsRolls {
            let summary = try generate(log: log)
            if needsRegistry { try await load(["areas", "persons", "cadres", "relatives"], from: summary, into: database, step: "registry", log: log) }
            if needsBank { try await load(["bank-accounts", "bank-transactions"], from: summary, into: database, step: "bank flows", log: log) }
            if needsRolls { try await load(Self.supervisionDatasets, from: summary, into: database, step: "rolls, registries and leases", log: log) }
        }
        if try await Self.isEmpty("publications", database) {
            let started = Date()
            let platform = try await PlatformServices.make(database: database, keyPath: keyPath)
            let county = try await database.read { try await AreaStore($0).county() }
            let villages = try await Self.villageAreas(database)
            var ledgers: [AreaCode: FundsLedger] = [:]
            for village in villages {
                ledgers[village.code] = try await database.read { try await FinanceStatementReader($0).ledger(of: village.code, rules: platform.classificationRules) }
            }
            let count = try await DemoPublications(store: platform.publications, today: Self.today, ledgers: ledgers)
                .publish(villages: villages, database: database, log: log)
            log("published \(count) demo publication versions for \(villages.count) villages of \(county?.name ?? "the county")"
                + String(format: " in %.1f s", Date().timeIntervalSince(started)))
        }
        let screened = try await Self.isEmpty("findings", database)
        if screened { try await screen(database, log: log) }
        let accounts = try await ensureAccounts(database)
        if screened, try await Self.isEmpty("leads", database) {
            let opened = try await DemoLeads(database: database, today: Self.today).open(as: "jiancha")
            log("opened \(opened) demo leads for jiancha")
        }
        if try await Self.isEmpty("echo_items", database) {
            _ = try await DemoEchoItems(database: database, box: try SecretBox.loadOrCreate(), today: Self.today)
                .install(villages: try await Self.villageAreas(database), log: log)
        }
        return accounts
    }

    /// The supervision datasets, in the order their references need.
    static let supervisionDatasets = DemoSupervisionData.files.map(\.dataset)

    /// The supervision desk starts with the county screened, as after the first imports.
    private func screen(_ database: Database, log: @Sendable (String) -> Void) async throws {
        let started = Date()
        guard let county = try await database.read({ try await AreaStore($0).county()?.code }) else { return }
        let run = ScreeningRun(database: database, thresholds: try ScreeningThresholds.load(), complianceRules: try PlatformServices.complianceRules())
        let (findings, _) = try await run.screen(county, codes: Set(FindingCode.allCases), by: .system)
        log("screened the county: \(findings.count) findings" + String(format: " in %.1f s", Date().timeIntervalSince(started)))
    }

    /// The demo's bank flows: the 24 months before this one.
    public static var bankFlows: DemoBankFlows {
        DemoBankFlows(endMonth: CalendarDate(year: today.year, month: today.month, day: 1)!.adding(days: -1))
    }

    /// Today in China, which ends the demo's two years of publications and bank flows.
    static var today: CalendarDate { CalendarDate(parsing: String(Timestamp.chinaStandardTime(Date()).prefix(10)))! }

    /// The demo's rolls: the twelve months up to the bank flows' last.
    public static var supervisionData: DemoSupervisionData { DemoSupervisionData(endMonth: bankFlows.endMonth) }

    /// The generator's files: the registry, bank flows over the 24 months before this one, and
    /// the rolls, registries and leases.
    private func generate(log: @Sendable (String) -> Void) throws -> DemoSummary {
        let generator = DemoGenerator(villages: try DemoInstallation.villages(from: divisions), scale: scale, bank: Self.bankFlows,
                                      supervision: Self.supervisionData)
        let summary = try generator.generate(into: directory.appendingPathComponent("csv"))
        log("generated \(summary.persons) persons in \(summary.households) households, \(summary.groups) groups, \(summary.cadres) cadres, "
            + "\(summary.bankAccounts) bank accounts with \(summary.bankTransactions) transactions (\(summary.irregularities.count) irregularities planted), "
            + "\(summary.payments) benefit payments, \(summary.leases) leases, \(summary.cases.count) supervision cases planted")
        return summary
    }

    private func load(_ names: [String], from summary: DemoSummary, into database: Database, step: String,
                      log: @Sendable (String) -> Void) async throws {
        let started = Date()
        let pipeline = ImportPipeline(database: database)
        for name in names {
            guard let file = summary.files[name] else { continue }
            let report = try await pipeline.run(any: try Platform.dataset(named: name), file: file, options: ImportOptions(), by: .system)
            guard report.outcome != .rejected else { throw DemoImportFailed(report: report) }
            log("imported \(name): \(report.rowsInserted) rows" + (report.warnings.isEmpty ? "" : ", \(report.warnings.count) warnings"))
        }
        log(String(format: "demo \(step) ready in %.1f s", Date().timeIntervalSince(started)))
    }

    private static func isEmpty(_ table: String, _ database: Database) async throws -> Bool {
        try await database.read { try await $0.select().column(SQLLiteral.numeric("1")).from(table).limit(1).first() == nil }
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

    /// The villages of the division file with their towns' names, read with the same CSV
    /// reader as every import.
    public static func villages(from divisions: URL) throws -> [DemoVillage] {
        let reader = try CSVReader(url: divisions)
        guard let header = try reader.next(), let code = header.fields.firstIndex(of: "code"),
              let name = header.fields.firstIndex(of: "name"), let level = header.fields.firstIndex(of: "level"),
              let parent = header.fields.firstIndex(of: "parent_code") else {
            throw DivisionCodesMissing(path: divisions.path)
        }
        var villages: [DemoVillage] = [], towns: [String: String] = [:]
        while let record = try reader.next() {
            switch record.fields[level] {
            case "town": towns[record.fields[code]] = record.fields[name]
            case "village": villages.append(DemoVillage(code: record.fields[code], name: record.fields[name], town: towns[record.fields[parent]] ?? ""))
            default: break
            }
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
