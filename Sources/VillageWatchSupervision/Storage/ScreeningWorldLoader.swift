import SQLKit
import VillageWatchCore
import VillageWatchFunds
import VillageWatchPublications

/// Reads what the rules compare for an area from the database into a `ScreeningWorld`: the
/// area's people, cadres, declared relatives, benefit rolls (plus the same recipients' payments
/// elsewhere, for duplicates across villages), the county-wide registries, the area's bank flows
/// and leases, its published finance statements and its overdue publications.
public struct ScreeningWorldLoader {
    let db: any SQLDatabase
    let complianceRules: ComplianceRules
    let today: CalendarDate

    public init(_ db: any SQLDatabase, complianceRules: ComplianceRules, today: CalendarDate) {
        self.db = db
        self.complianceRules = complianceRules
        self.today = today
    }

    public func load(_ area: AreaCode) async throws -> ScreeningWorld {
        var world = ScreeningWorld()
        try await loadPeople(area, into: &world)
        try await loadRegistries(into: &world)
        world.payments = try await payments(area)
        world.bankFlows = try await bankFlows(area)
        world.leases = try await leases(area)
        try await loadPublications(area, into: &world)
        return world
    }

    private func bankFlows(_ area: AreaCode) async throws -> [ScreeningWorld.BankFlow] {
        try await db.raw("""
            SELECT account_number, transaction_id, booked_on, amount_fen, counterparty_name, channel, summary, purpose, area_code
            FROM bank_transactions WHERE \(SQLSubtree("area_code", of: area))
            """).all().compactMap { row in
            guard let on = CalendarDate(parsing: try row.decode(column: "booked_on", as: String.self)) else { return nil }
            return .init(accountNumber: try row.decode(column: "account_number", as: String.self),
                         villageCode: String(try row.decode(column: "area_code", as: String.self).prefix(12)),
                         transactionID: try row.decode(column: "transaction_id", as: String.self), bookedOn: on,
                         amountFen: try row.decode(column: "amount_fen", as: Int64.self), counterpartyName: try row.decode(column: "counterparty_name", as: String?.self),
                         channel: try row.decode(column: "channel", as: String?.self), summary: try row.decode(column: "summary", as: String?.self),
                         purpose: try row.decode(column: "purpose", as: String?.self))
        }
    }

    private func leases(_ area: AreaCode) async throws -> [ScreeningWorld.Lease] {
        try await db.raw("SELECT * FROM leases WHERE \(SQLSubtree("village_code", of: area))").all().compactMap { row in
            guard let start = CalendarDate(parsing: try row.decode(column: "start_date", as: String.self)),
                  let end = CalendarDate(parsing: try row.decode(column: "end_date", as: String.self)) else { return nil }
            return .init(contractID: try row.decode(column: "contract_id", as: String.self), villageCode: try row.decode(column: "village_code", as: String.self),
                         assetType: try row.decode(column: "asset_type", as: String.self), lesseeName: try row.decode(column: "lessee_name", as: String.self),
                         lesseeIDNumber: try row.decode(column: "lessee_id_number", as: String?.self),
                         areaHundredths: try row.decode(column: "area_hundredths", as: Int64?.self), start: start, end: end,
                         annualRentFen: try row.decode(column: "annual_rent_fen", as: Int64.self), awardMethod: try row.decode(column: "award_method", as: String?.self),
                         paymentSchedule: try row.decode(column: "payment_schedule", as: String?.self))
        }
    }

    /// Each village's published statements (spending per month) and its overdue publications
    /// over the last twelve months.
    private func loadPublications(_ area: AreaCode, into world: inout ScreeningWorld) async throws {
        let villages = try await db.select().column("code").from("areas").where(SQLSubtree("code", of: area))
            .where("level", .equal, SQLBind(AreaLevel.village.rawValue)).all(decodingColumn: "code", as: String.self).compactMap(AreaCode.init)
        let items = try await PublicationReader(db).publishedItems(within: area)
        let calendar = ComplianceCalendar(rules: complianceRules)
        let from = (0..<12).reduce(PublicationPeriod.month(containing: today)) { period, _ in period.previous }
        let lastMonth = PublicationPeriod.month(containing: today).previous
        world.financeDueThrough = (today.day > complianceRules.finance.dueDay ? lastMonth : lastMonth.previous).description
        for village in villages {
            for stored in try await FinanceStatementReader(db).latest(village: village, publishedOnly: true) {
                world.publishedSpending[village.text + "|" + stored.statement.period.description] = stored.statement.spendingFen
            }
            world.obligations += calendar.obligations(items: items[village.text] ?? [], from: from, through: today).filter(\.isFinding)
                .map { ScreeningWorld.OverdueObligation(villageCode: village.text, label: $0.label, dueOn: $0.dueOn) }
        }
    }

    private func loadPeople(_ area: AreaCode, into world: inout ScreeningWorld) async throws {
        for row in try await db.raw("SELECT id_number, name, household_id, group_code FROM persons WHERE \(SQLSubtree("group_code", of: area))").all() {
            let id = try row.decode(column: "id_number", as: String.self)
            world.persons[id] = .init(id: id, name: try row.decode(column: "name", as: String.self),
                                      householdID: try row.decode(column: "household_id", as: String.self), groupCode: try row.decode(column: "group_code", as: String.self))
        }
        world.cadres = try await db.raw("SELECT * FROM cadres WHERE \(SQLSubtree("village_code", of: area))").all().compactMap { row in
            guard let start = CalendarDate(parsing: try row.decode(column: "term_start", as: String.self)) else { return nil }
            return .init(id: try row.decode(column: "id_number", as: String.self), name: try row.decode(column: "name", as: String.self),
                         villageCode: try row.decode(column: "village_code", as: String.self), position: try row.decode(column: "position", as: String.self),
                         termStart: start, termEnd: try row.decode(column: "term_end", as: String?.self).flatMap(CalendarDate.init(parsing:)))
        }
        world.relatives = try await db.raw("SELECT * FROM relatives WHERE \(SQLSubtree("village_code", of: area))").all().map { row in
            .init(cadreID: try row.decode(column: "cadre_id_number", as: String.self), id: try row.decode(column: "relative_id_number", as: String.self),
                  name: try row.decode(column: "relative_name", as: String.self), relationship: try row.decode(column: "relationship", as: String.self))
        }
    }

    private func loadRegistries(into world: inout ScreeningWorld) async throws {
        for row in try await db.raw("SELECT id_number, death_date FROM registry_deaths").all() {
            world.deaths[try row.decode(column: "id_number", as: String.self)] = CalendarDate(parsing: try row.decode(column: "death_date", as: String.self))
        }
        for row in try await db.raw("SELECT id_number, start_date, end_date FROM registry_public_employees").all() {
            guard let start = CalendarDate(parsing: try row.decode(column: "start_date", as: String.self)) else { continue }
            world.publicEmployment[try row.decode(column: "id_number", as: String.self), default: []]
                .append(.init(start: start, end: try row.decode(column: "end_date", as: String?.self).flatMap(CalendarDate.init(parsing:))))
        }
        for row in try await db.raw("SELECT owner_id_number, plate, registered_on, vehicle_type FROM registry_vehicles").all() {
            guard let on = CalendarDate(parsing: try row.decode(column: "registered_on", as: String.self)) else { continue }
            world.vehicles[try row.decode(column: "owner_id_number", as: String.self), default: []]
                .append(.init(plate: try row.decode(column: "plate", as: String.self), registeredOn: on, type: try row.decode(column: "vehicle_type", as: String?.self)))
        }
        for row in try await db.raw("SELECT owner_id_number, registered_on FROM registry_businesses").all() {
            guard let on = CalendarDate(parsing: try row.decode(column: "registered_on", as: String.self)) else { continue }
            world.businesses[try row.decode(column: "owner_id_number", as: String.self), default: []].append(on)
        }
        for row in try await db.raw("SELECT household_id, contracted_area_hundredths FROM registry_land").all() {
            world.contractedLand[try row.decode(column: "household_id", as: String.self)] = try row.decode(column: "contracted_area_hundredths", as: Int64.self)
        }
        for row in try await db.raw("SELECT id_number, program_code FROM relative_filings").all() {
            world.filings.insert(try row.decode(column: "id_number", as: String.self) + "|" + row.decode(column: "program_code", as: String.self))
        }
        for row in try await db.raw("SELECT * FROM benefit_programs").all() {
            let code = try row.decode(column: "program_code", as: String.self)
            world.programs[code] = BenefitProgram(code: code, name: try row.decode(column: "program_name", as: String.self),
                                                  department: try row.decode(column: "department", as: String.self),
                                                  meansTested: try row.decode(column: "means_tested", as: Int64.self) != 0,
                                                  areaBased: try row.decode(column: "area_based", as: Int64.self) != 0)
        }
    }

    private func payments(_ area: AreaCode) async throws -> [ScreeningWorld.Payment] {
        try await db.raw("""
            SELECT * FROM benefit_payments WHERE \(SQLSubtree("area_code", of: area)) OR recipient_id_number IN
                (SELECT recipient_id_number FROM benefit_payments WHERE \(SQLSubtree("area_code", of: area)))
            ORDER BY department, payment_id
            """).all().map { row in
            .init(department: try row.decode(column: "department", as: String.self), paymentID: try row.decode(column: "payment_id", as: String.self),
                  programCode: try row.decode(column: "program_code", as: String.self), recipientID: try row.decode(column: "recipient_id_number", as: String.self),
                  recipientName: try row.decode(column: "recipient_name", as: String.self), areaCode: try row.decode(column: "area_code", as: String.self),
                  period: try row.decode(column: "period", as: String.self), amountFen: try row.decode(column: "amount_fen", as: Int64.self),
                  quantityHundredths: try row.decode(column: "quantity_hundredths", as: Int64?.self),
                  payeeAccount: try row.decode(column: "payee_account", as: String?.self), payeeAccountName: try row.decode(column: "payee_account_name", as: String?.self))
        }
    }
}
