import SQLKit
import VillageWatchCore
import VillageWatchFunds
import VillageWatchPublications

/// Reads what the rules compare for an area from the database into a `ScreeningWorld`: the
/// area's people, cadres, declared relatives, benefit rolls (plus the same recipients' payments
/// elsewhere, for duplicates across villages), the county-wide registries, the area's bank flows
/// and leases, its published finance statements and its overdue publications.
///
/// A county is millions of rows, so the big tables are read with `Database.scanTable` (positional,
/// each on both cores) and side by side.
public struct ScreeningWorldLoader: Sendable {
    let database: Database
    let complianceRules: ComplianceRules
    let today: CalendarDate

    public init(_ database: Database, complianceRules: ComplianceRules, today: CalendarDate) {
        self.database = database
        self.complianceRules = complianceRules
        self.today = today
    }

    public func load(_ area: AreaCode) async throws -> ScreeningWorld {
        async let persons = persons(area)
        async let payments = payments(area)
        async let bankFlows = bankFlows(area)
        async let registries = registries()
        var world = try await registries
        try await loadPublications(area, into: &world)
        world.cadres = try await cadres(area)
        world.relatives = try await relatives(area)
        world.leases = try await leases(area)
        world.bankFlows = try await bankFlows
        world.payments = try await payments
        world.persons = try await persons
        return world
    }

    private func persons(_ area: AreaCode) async throws -> [String: ScreeningWorld.Person] {
        let rows = try await rows("persons", "id_number, name, household_id, group_code", area, "group_code") {
            ScreeningWorld.Person(id: try $0.text(0), name: try $0.text(1), householdID: try $0.text(2), groupCode: try $0.text(3))
        }
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A table's rows of `area`: a county's through `scanTable` (whole tables, both cores), a
    /// smaller area's through its index.
    private func rows<Row: Sendable>(_ table: String, _ columns: String, _ area: AreaCode, _ column: String,
                                     _ transform: @escaping @Sendable (ScannedRow) throws -> Row?) async throws -> [Row] {
        area.level == .county
            ? try await database.scanTable(table, columns: columns, where: within(area, column), transform)
            : try await database.scan("SELECT \(columns) FROM \(table) WHERE \(within(area, column))", transform)
    }

    private func cadres(_ area: AreaCode) async throws -> [ScreeningWorld.Cadre] {
        try await database.scan("""
            SELECT id_number, name, village_code, position, term_start, term_end FROM cadres WHERE \(within(area, "village_code"))
            """) { row in
            guard let start = CalendarDate(parsing: try row.text(4)) else { return nil }
            return .init(id: try row.text(0), name: try row.text(1), villageCode: try row.text(2), position: try row.text(3), termStart: start,
                         termEnd: try row.optionalText(5).flatMap(CalendarDate.init(parsing:)))
        }
    }

    private func relatives(_ area: AreaCode) async throws -> [ScreeningWorld.Relative] {
        try await database.scan("""
            SELECT cadre_id_number, relative_id_number, relative_name, relationship FROM relatives WHERE \(within(area, "village_code"))
            """) {
            .init(cadreID: try $0.text(0), id: try $0.text(1), name: try $0.text(2), relationship: try $0.text(3))
        }
    }

    /// The area's payments, then the same recipients' payments elsewhere (for duplicates across
    /// areas; not asked for a county, whose imports accept only its own area codes). No order:
    /// the rules do not depend on it.
    private func payments(_ area: AreaCode) async throws -> [ScreeningWorld.Payment] {
        let columns = """
            department, payment_id, program_code, recipient_id_number, recipient_name, area_code, period, amount_fen,
            quantity_hundredths, payee_account, payee_account_name
            """
        async let here = rows("benefit_payments", columns, area, "area_code", Self.payment)
        guard area.level != .county else { return try await here }
        let elsewhere = try await database.scan("""
            SELECT \(columns) FROM benefit_payments WHERE \(area.outsideSubtreeCondition("area_code"))
            AND recipient_id_number IN (SELECT recipient_id_number FROM benefit_payments WHERE \(within(area, "area_code")))
            """, Self.payment)
        return try await here + elsewhere
    }

    @Sendable private static func payment(_ row: ScannedRow) throws -> ScreeningWorld.Payment {
        .init(department: try row.text(0), paymentID: try row.text(1), programCode: try row.text(2), recipientID: try row.text(3),
              recipientName: try row.text(4), areaCode: try row.text(5), period: try row.text(6), amountFen: try row.integer(7),
              quantityHundredths: try row.optionalInteger(8), payeeAccount: try row.optionalText(9), payeeAccountName: try row.optionalText(10))
    }

    private func bankFlows(_ area: AreaCode) async throws -> [ScreeningWorld.BankFlow] {
        try await rows("bank_transactions", "account_number, area_code, transaction_id, booked_on, amount_fen, counterparty_name, channel, summary, purpose",
                       area, "area_code") { row in
            guard let on = CalendarDate(parsing: try row.text(3)) else { return nil }
            return .init(accountNumber: try row.text(0), villageCode: String(try row.text(1).prefix(12)), transactionID: try row.text(2), bookedOn: on,
                         amountFen: try row.integer(4), counterpartyName: try row.optionalText(5), channel: try row.optionalText(6),
                         summary: try row.optionalText(7), purpose: try row.optionalText(8))
        }
    }

    private func leases(_ area: AreaCode) async throws -> [ScreeningWorld.Lease] {
        try await database.scan("""
            SELECT contract_id, village_code, asset_type, lessee_name, lessee_id_number, area_hundredths, start_date, end_date,
                   annual_rent_fen, award_method, payment_schedule
            FROM leases WHERE \(within(area, "village_code"))
            """) { row in
            guard let start = CalendarDate(parsing: try row.text(6)), let end = CalendarDate(parsing: try row.text(7)) else { return nil }
            return .init(contractID: try row.text(0), villageCode: try row.text(1), assetType: try row.text(2), lesseeName: try row.text(3),
                         lesseeIDNumber: try row.optionalText(4), areaHundredths: try row.optionalInteger(5), start: start, end: end,
                         annualRentFen: try row.integer(8), awardMethod: try row.optionalText(9), paymentSchedule: try row.optionalText(10))
        }
    }

    /// The rows of `area`. A county reads whole tables, so its condition is one no index serves:
    /// walking the area index and fetching each row from the table costs more than reading the
    /// table straight through. Smaller areas use the index.
    private func within(_ area: AreaCode, _ column: String) -> String {
        area.level == .county ? "substr(\(column), 1, \(area.subtreePrefix.count)) = '\(area.subtreePrefix)'" : area.subtreeCondition(column)
    }

    /// Each village's published statements (spending per month) and its overdue publications
    /// over the last twelve months.
    private func loadPublications(_ area: AreaCode, into world: inout ScreeningWorld) async throws {
        let (villages, items) = try await database.read { db in
            (try await db.select().column("code").from("areas").where(SQLSubtree("code", of: area))
                .where("level", .equal, SQLBind(AreaLevel.village.rawValue)).all(decodingColumn: "code", as: String.self).compactMap(AreaCode.init),
             try await PublicationReader(db).publishedItems(within: area))
        }
        let calendar = ComplianceCalendar(rules: complianceRules)
        let from = (0..<12).reduce(PublicationPeriod.month(containing: today)) { period, _ in period.previous }
        let lastMonth = PublicationPeriod.month(containing: today).previous
        world.financeDueThrough = (today.day > complianceRules.finance.dueDay ? lastMonth : lastMonth.previous).description
        for village in villages {
            for stored in try await database.read({ try await FinanceStatementReader($0).latest(village: village, publishedOnly: true) }) {
                world.publishedSpending[village.text + "|" + stored.statement.period.description] = stored.statement.spendingFen
            }
            world.obligations += calendar.obligations(items: items[village.text] ?? [], from: from, through: today).filter(\.isFinding)
                .map { ScreeningWorld.OverdueObligation(villageCode: village.text, label: $0.label, dueOn: $0.dueOn) }
        }
    }

    /// The county-wide registries, filed cases and programmes.
    private func registries() async throws -> ScreeningWorld {
        var world = ScreeningWorld()
        for (id, died) in try await database.scan("SELECT id_number, death_date FROM registry_deaths", { (try $0.text(0), CalendarDate(parsing: try $0.text(1))) }) {
            world.deaths[id] = died
        }
        for (id, span) in try await database.scan("SELECT id_number, start_date, end_date FROM registry_public_employees", { row in
            try CalendarDate(parsing: row.text(1)).map { (try row.text(0), ScreeningWorld.Span(start: $0, end: try row.optionalText(2).flatMap(CalendarDate.init(parsing:)))) }
        }) { world.publicEmployment[id, default: []].append(span) }
        for (id, vehicle) in try await database.scan("SELECT owner_id_number, plate, registered_on, vehicle_type FROM registry_vehicles", { row in
            try CalendarDate(parsing: row.text(2)).map { (try row.text(0), ScreeningWorld.Vehicle(plate: try row.text(1), registeredOn: $0, type: try row.optionalText(3))) }
        }) { world.vehicles[id, default: []].append(vehicle) }
        for (id, on) in try await database.scan("SELECT owner_id_number, registered_on FROM registry_businesses", { row in
            try CalendarDate(parsing: row.text(1)).map { (try row.text(0), $0) }
        }) { world.businesses[id, default: []].append(on) }
        for (household, area) in try await database.scan("SELECT household_id, contracted_area_hundredths FROM registry_land", { (try $0.text(0), try $0.integer(1)) }) {
            world.contractedLand[household] = area
        }
        world.filings = Set(try await database.scan("SELECT id_number, program_code FROM relative_filings") { try $0.text(0) + "|" + $0.text(1) })
        for program in try await database.scan("SELECT program_code, program_name, department, means_tested, area_based FROM benefit_programs", { row in
            BenefitProgram(code: try row.text(0), name: try row.text(1), department: try row.text(2), meansTested: try row.integer(3) != 0, areaBased: try row.integer(4) != 0)
        }) { world.programs[program.code] = program }
        return world
    }
}
