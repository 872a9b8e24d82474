import Foundation
import SQLKit
import VillageWatchCore

/// Publication compliance of every village in an area over a window of months: what each owes,
/// what is overdue (PUB-OVERDUE), what was late and by how much, scores, ranking and trend.
public struct ComplianceReport: Sendable {
    public struct Row: Sendable {
        public let area: Area
        public let obligations: [Obligation]
        /// Score over the whole window and in the selected month.
        public let score: Int
        public let monthScore: Int
        public let overdue: Int
        public let late: Int
        public let rank: Int
    }

    public let area: Area
    public let months: [PublicationPeriod]
    public let month: PublicationPeriod
    /// Villages of a town, or towns of a county (their villages' obligations pooled).
    public let rows: [Row]
    public let trend: [ComplianceScore.MonthlyScore]

    /// Builds the report for `area` over the `monthCount` months ending with `month`.
    public static func build(area: Area, month: PublicationPeriod, monthCount: Int, today: CalendarDate,
                             rules: ComplianceRules, db: any SQLDatabase) async throws -> ComplianceReport {
        let first = PublicationPeriod.months(from: month, to: month).first.map { month in
            (0..<(monthCount - 1)).reduce(month) { period, _ in period.previous }
        } ?? month
        let months = PublicationPeriod.months(from: first, to: month)
        let items = try await PublicationReader(db).publishedItems(within: area.code)
        let villages = try await db.select().columns("code", "name", "parent_code").from("areas")
            .where(SQLSubtree("code", of: area.code)).where("level", .equal, SQLBind(AreaLevel.village.rawValue)).orderBy("code").all()
            .compactMap { row -> Area? in
                guard let code = AreaCode(try row.decode(column: "code", as: String.self)) else { return nil }
                return Area(code: code, name: try row.decode(column: "name", as: String.self), parentCode: try row.decode(column: "parent_code", as: String?.self))
            }
        let calendar = ComplianceCalendar(rules: rules)
        var byVillage: [AreaCode: [Obligation]] = [:]
        for village in villages {
            byVillage[village.code] = calendar.obligations(items: items[village.code.text] ?? [], from: first, through: today)
        }
        let groups: [(Area, [Obligation])]
        if area.level == .county {
            let towns = try await AreaStore(db).children(of: area.code)
            groups = towns.map { town in (town, villages.filter { town.code.contains($0.code) }.flatMap { byVillage[$0.code] ?? [] }) }
        } else {
            groups = villages.map { ($0, byVillage[$0.code] ?? []) }
        }
        let all = groups.flatMap(\.1)
        return ComplianceReport(area: area, months: months, month: month, rows: rows(groups, month: month), trend: ComplianceScore.monthly(all, months: months))
    }

    private static func rows(_ groups: [(Area, [Obligation])], month: PublicationPeriod) -> [Row] {
        let scores = Dictionary(uniqueKeysWithValues: groups.map { ($0.0.code.text, ComplianceScore.score($0.1)) })
        let ranks = Dictionary(uniqueKeysWithValues: ComplianceScore.ranking(scores).map { ($0.key, $0.rank) })
        return groups.map { area, obligations in
            let monthScore = ComplianceScore.monthly(obligations, months: [month]).first?.score ?? 100
            return Row(area: area, obligations: obligations, score: scores[area.code.text] ?? 100, monthScore: monthScore,
                       overdue: obligations.filter(\.isFinding).count, late: obligations.filter { $0.lateDays > 0 && !$0.isFinding }.count,
                       rank: ranks[area.code.text] ?? 0)
        }.sorted { ($0.rank, $0.area.code) < ($1.rank, $1.area.code) }
    }
}
