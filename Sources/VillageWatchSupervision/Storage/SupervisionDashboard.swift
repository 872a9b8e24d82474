import Foundation
import SQLKit
import VillageWatchCore

/// The commission's and a town's overview of an area: findings by code, programme, child area
/// and month; amounts involved and recovered; leads open, overdue and closed with the time to
/// closure; and each village's risk score (open findings weighted by severity: high 3,
/// medium 2, low 1) for the grid.
public struct SupervisionDashboard: Sendable {
    public struct AreaRow: Sendable {
        public let area: Area
        public var findings = 0, amountFen: Int64 = 0, openLeads = 0, overdueLeads = 0, closedLeads = 0, recoveredFen: Int64 = 0
    }

    public let byCode: [(FindingCode, count: Int, amountFen: Int64)]
    public let byProgramme: [(String, count: Int, amountFen: Int64)]
    public let byMonth: [(String, Int)]
    public let children: [AreaRow]
    public let riskByVillage: [String: Int]
    public let leads: (open: Int, overdue: Int, closed: Int, recoveredFen: Int64, averageDaysToClose: Int?)

    public static func build(area: AreaCode, today: CalendarDate, db: any SQLDatabase) async throws -> SupervisionDashboard {
        let findings = try await db.raw("SELECT id, code, village_code, amount_fen, json, first_seen_at FROM findings WHERE resolved_at IS NULL AND \(SQLSubtree("village_code", of: area))").all()
        let leads = try await db.raw("SELECT * FROM leads WHERE \(SQLSubtree("village_code", of: area))").all().map(StoredLead.init)
        let children = try await AreaStore(db).children(of: area)
        var rows = children.map { AreaRow(area: $0) }
        var byCode: [FindingCode: (Int, Int64)] = [:], byProgramme: [String: (Int, Int64)] = [:], byMonth: [String: Int] = [:], risk: [String: Int] = [:]
        for row in findings {
            guard let code = FindingCode(rawValue: try row.decode(column: "code", as: String.self)) else { continue }
            let village = try row.decode(column: "village_code", as: String.self), amount = try row.decode(column: "amount_fen", as: Int64.self)
            byCode[code, default: (0, 0)].0 += 1
            byCode[code, default: (0, 0)].1 += amount
            if let programme = Self.programme(try row.decode(column: "json", as: String.self)) {
                byProgramme[programme, default: (0, 0)].0 += 1
                byProgramme[programme, default: (0, 0)].1 += amount
            }
            byMonth[String(Timestamp.chinaStandardTime(utc: try row.decode(column: "first_seen_at", as: String.self)).prefix(7)), default: 0] += 1
            risk[village, default: 0] += code.severity == .high ? 3 : code.severity == .medium ? 2 : 1
            if let i = rows.firstIndex(where: { AreaCode(village).map($0.area.code.contains) ?? false }) {
                rows[i].findings += 1
                rows[i].amountFen += amount
            }
        }
        for lead in leads {
            guard let i = rows.firstIndex(where: { AreaCode(lead.villageCode).map($0.area.code.contains) ?? false }) else { continue }
            if lead.status.isClosed { rows[i].closedLeads += 1 } else { rows[i].openLeads += 1 }
            if lead.isOverdue(on: today) { rows[i].overdueLeads += 1 }
            rows[i].recoveredFen += lead.recoveredFen
        }
        let closed = leads.filter { $0.status.isClosed }
        let days = closed.compactMap { lead in
            lead.closedAt.flatMap(Timestamp.parse).map { Int($0.timeIntervalSince(Timestamp.parse(lead.createdAt) ?? $0) / 86_400) }
        }
        return SupervisionDashboard(
            byCode: FindingCode.allCases.compactMap { code in byCode[code].map { (code, $0.0, $0.1) } },
            byProgramme: byProgramme.keys.sorted().map { ($0, byProgramme[$0]!.0, byProgramme[$0]!.1) },
            byMonth: byMonth.keys.sorted().map { ($0, byMonth[$0]!) }, children: rows, riskByVillage: risk,
            leads: (leads.count - closed.count, leads.filter { $0.isOverdue(on: today) }.count, closed.count, leads.reduce(0) { $0 + $1.recoveredFen },
                    days.isEmpty ? nil : days.reduce(0, +) / days.count))
    }

    /// The programme a benefit finding is about, from its evidence.
    static func programme(_ json: String) -> String? {
        guard let range = json.range(of: "\"program_code\":\"") else { return nil }
        return String(json[range.upperBound...].prefix { $0 != "\"" })
    }
}
