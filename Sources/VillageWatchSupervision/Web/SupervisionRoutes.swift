import Foundation
import Hummingbird
import SQLKit
import VillageWatchCore
import VillageWatchWeb

/// The supervision desk's findings: a list per area with counts by code, and each finding's page
/// explaining itself — the rule in plain words, the rows that triggered it, links to them.
public struct SupervisionRoutes: Sendable {
    let services: WebServices
    let store: FindingStore

    public init(services: WebServices) {
        self.services = services
        store = FindingStore(database: services.database, clock: services.clock)
    }

    public static var templates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/supervision/findings") { request, context in try await list(request, context) }
        router.get("/admin/supervision/findings/:id") { _, context in try await detail(context) }
        router.get("/admin/supervision/dashboard") { request, context in try await dashboard(request, context) }
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let query = request.uri.queryParameters
        let area = try query.get("area").flatMap { AreaCode(String($0)) } ?? context.principal().scope
        try context.require(.viewFindings, in: area)
        let code = query.get("code").flatMap { FindingCode(rawValue: String($0)) }
        let (findings, counts) = (try await store.list(within: area, code: code, includeResolved: false), try await store.counts(within: area))
        let name = try await services.database.read { try await AreaStore($0).area(area)?.name } ?? area.text
        return services.pages.page("supervision-findings", title: "\(name) 比对发现", [
            "area": ["code": area.text, "name": name], "code": code?.rawValue ?? "", "codeName": code?.chineseName ?? "全部",
            "codes": FindingCode.allCases.map { c -> [String: Any] in
                let count = counts[c]
                return ["code": c.rawValue, "name": c.chineseName, "count": count?.count ?? 0, "amount": Fen(count?.amountFen ?? 0).yuanText, "selected": c == code]
            },
            "findings": findings.map { f -> [String: Any] in
                ["id": f.id, "code": f.code.rawValue, "name": f.code.chineseName, "severity": f.code.severity.rawValue, "village": f.villageCode,
                 "amount": Fen(f.amountFen).yuanText, "subject": f.fields.subject.map { "\($0.1)" }.joined(separator: " · "),
                 "firstSeen": Timestamp.chinaStandardTime(utc: f.firstSeenAt)]
            },
            "hasFindings": !findings.isEmpty,
        ], context: context)
    }

    private func dashboard(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let area = try request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) } ?? context.principal().scope
        try context.require(.viewFindings, in: area)
        let today = services.clock.chinaToday
        let (name, board, villages) = try await services.database.read { db in
            (try await AreaStore(db).area(area)?.name ?? area.text, try await SupervisionDashboard.build(area: area, today: today, db: db),
             try await db.select().columns("code", "name", "parent_code").from("areas").where(SQLSubtree("code", of: area))
                .where("level", .equal, SQLBind(AreaLevel.village.rawValue)).orderBy("code").all())
        }
        let grid = try Self.grid(villages: villages, risk: board.riskByVillage)
        return services.pages.page("supervision-dashboard", title: "\(name) 监察总览", [
            "area": ["code": area.text, "name": name], "gridSVG": grid,
            "byCode": board.byCode.map { ["code": $0.0.rawValue, "name": $0.0.chineseName, "count": $0.count, "amount": Fen($0.amountFen).yuanText] },
            "byProgramme": board.byProgramme.map { ["code": $0.0, "count": $0.count, "amount": Fen($0.amountFen).yuanText] },
            "monthlySVG": BarChart(labels: board.byMonth.map(\.0), series: [.init(name: "新发现（条）", colour: "#b3261e", values: board.byMonth.map { Int64($0.1) * 100 })]).svg,
            "children": board.children.map { row -> [String: Any] in
                ["code": row.area.code.text, "name": row.area.name, "findings": row.findings, "amount": Fen(row.amountFen).yuanText,
                 "open": row.openLeads, "overdue": row.overdueLeads, "closed": row.closedLeads, "recovered": Fen(row.recoveredFen).yuanText]
            },
            "leads": ["open": board.leads.open, "overdue": board.leads.overdue, "closed": board.leads.closed,
                      "recovered": Fen(board.leads.recoveredFen).yuanText, "days": board.leads.averageDaysToClose.map(String.init) ?? "—"],
        ], context: context)
    }

    /// Villages as rows by town, twelve to a line.
    static func grid(villages: [any SQLRow], risk: [String: Int]) throws -> String {
        var rows: [(String, [RiskGrid.Cell])] = []
        for row in villages {
            let code = try row.decode(column: "code", as: String.self), town = String(code.prefix(9))
            let cell = RiskGrid.Cell(label: try row.decode(column: "name", as: String.self), score: risk[code] ?? 0,
                                     href: "/admin/supervision/findings?area=\(code)")
            if rows.last?.0 == town { rows[rows.count - 1].1.append(cell) } else { rows.append((town, [cell])) }
        }
        // At most twelve squares a line, so a town of thirty villages stays legible on a phone.
        let lines = rows.flatMap { town, cells in
            stride(from: 0, to: cells.count, by: 12).map { RiskGrid.Row(label: $0 == 0 ? town + "000" : "", cells: Array(cells[$0 ..< min($0 + 12, cells.count)])) }
        }
        return RiskGrid(rows: lines).svg
    }

    private func detail(_ context: AppRequestContext) async throws -> HTML {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let finding = try await store.finding(id),
              let village = AreaCode(finding.villageCode) else { throw HTTPError(.notFound, message: "没有找到该发现") }
        let principal = try context.require(.viewFindings, in: village)
        let lead = try await LeadStore(database: services.database).lead(forFinding: id)
        var values = try await Self.findingValues(finding, services: services)
        values["lead"] = lead.map { ["id": $0.id, "status": $0.status.chineseName] } ?? false
        values["canOpenLead"] = lead == nil && AccessPolicy.allows(principal, .handleLeads, in: village)
        values["defaultDue"] = services.clock.chinaToday
            .adding(days: LeadWorkflow.defaultDays).description
        return services.pages.page("supervision-finding", title: "\(finding.code.chineseName)", values, context: context)
    }

    /// What a finding's page and its lead's page both show about the finding.
    static func findingValues(_ finding: StoredFinding, services: WebServices) async throws -> [String: Any] {
        let (subject, evidence) = finding.fields
        let village = AreaCode(finding.villageCode)
        let villageName = try await services.database.read { db in try await village.asyncMap { try await AreaStore(db).area($0)?.name } } ?? finding.villageCode
        return [
            "findingID": finding.id, "code": finding.code.rawValue, "name": finding.code.chineseName, "severity": finding.code.severity.rawValue,
            "rule": finding.code.rule, "village": ["code": finding.villageCode, "name": villageName], "amount": Fen(finding.amountFen).yuanText,
            "subject": subject.map { FindingLabels.row($0.0, $0.1, subject: subject) },
            "evidence": evidence.map { FindingLabels.row($0.0, $0.1, subject: subject) },
            "fuzzy": evidence.contains { $0.0 == "link_basis" },
            "firstSeen": Timestamp.chinaStandardTime(utc: finding.firstSeenAt), "lastSeen": Timestamp.chinaStandardTime(utc: finding.lastSeenAt),
            "resolved": finding.resolvedAt.map { Timestamp.chinaStandardTime(utc: $0) } ?? false, "json": finding.json,
        ]
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
