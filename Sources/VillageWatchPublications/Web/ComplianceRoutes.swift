import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// The compliance dashboards of town officers, supervision officers and the commission: scores,
/// ranking, trend, each village's obligations, and the same view as an Excel file.
public struct ComplianceRoutes: Sendable {
    let services: WebServices
    let rules: ComplianceRules
    let reports: MissingReportStore
    /// Modules that add their own figures to the dashboard (the echo wall's responsiveness).
    let contributors: [any AreaPageContributor]

    public init(services: WebServices, rules: ComplianceRules, reports: MissingReportStore, contributors: [any AreaPageContributor] = []) {
        self.services = services
        self.rules = rules
        self.reports = reports
        self.contributors = contributors
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/compliance") { request, context in try await dashboard(request, context) }
        router.get("/admin/compliance.xlsx") { request, context in try await export(request, context) }
        router.get("/admin/compliance/villages/:code") { request, context in try await village(request, context) }
    }

    /// The report the request asks for, after the access check for its area.
    private func report(_ request: Request, _ context: AppRequestContext, area requested: AreaCode? = nil) async throws -> ComplianceReport {
        let scope = try context.principal().scope
        let code = requested ?? request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) } ?? scope
        try context.require(.viewCompliance, in: code)
        let today = ComplianceClock.today(services.clock)
        let month = request.uri.queryParameters.get("month").flatMap { PublicationPeriod(parsing: String($0)) } ?? PublicationPeriod.month(containing: today).previous
        let count = min(max(request.uri.queryParameters.get("months", as: Int.self) ?? 12, 1), 60)
        return try await services.database.read { db in
            guard let area = try await AreaStore(db).area(code), area.level <= .village else { throw HTTPError(.notFound) }
            return try await ComplianceReport.build(area: area, month: month, monthCount: count, today: today, rules: rules, db: db)
        }
    }

    private func dashboard(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let report = try await report(request, context)
        if report.area.level == .village { return try await villagePage(report, context) }
        let all = report.rows.flatMap(\.obligations)
        let reportCount = report.area.level == .town ? try await reports.reports(within: report.area.code).count : 0
        let sections = try await contributedSections(report.area, context)
        return services.pages.page("compliance", title: "\(report.area.name) 三公开考核", [
            "area": ["code": report.area.code.text, "name": report.area.name], "month": report.month.description, "monthCount": report.months.count,
            "isTown": report.area.level == .town, "reportCount": reportCount, "sections": sections,
            "summary": ["score": ComplianceScore.score(all), "overdue": all.filter(\.isFinding).count,
                        "late": all.filter { $0.lateDays > 0 && !$0.isFinding }.count],
            "trendSVG": LineChart(labels: report.trend.map { $0.month.description }, values: report.trend.map(\.score)).svg,
            "rowLevel": report.area.level == .county ? "镇（街道）" : "村（居）",
            "rows": report.rows.map { ["rank": $0.rank, "code": $0.area.code.text, "name": $0.area.name, "isVillage": $0.area.level == .village,
                                       "monthScore": $0.monthScore, "score": $0.score, "overdue": $0.overdue, "late": $0.late] },
        ], context: context)
    }

    private func village(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        guard let code = context.parameters.get("code").flatMap(AreaCode.init), code.level == .village else { throw HTTPError(.notFound) }
        return try await villagePage(try await report(request, context, area: code), context)
    }

    /// What other modules add to the dashboard of `area` (the echo wall's responsiveness).
    private func contributedSections(_ area: Area, _ context: AppRequestContext) async throws -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for contributor in contributors {
            sections += try await contributor.complianceSections(for: area, principal: try context.principal(), services: services)
                .map { ["title": $0.title, "html": $0.html] }
        }
        return sections
    }

    private func villagePage(_ report: ComplianceReport, _ context: AppRequestContext) async throws -> HTML {
        let row = report.rows.first
        let obligations = (row?.obligations ?? []).sorted { $0.dueOn > $1.dueOn }
        return services.pages.page("compliance-village", title: "\(report.area.name) 应公开事项", [
            "village": ["code": report.area.code.text, "name": report.area.name, "town": report.area.code.town?.text ?? ""],
            "month": report.month.description, "monthCount": report.months.count,
            "score": row?.score ?? 100, "overdue": row?.overdue ?? 0, "late": row?.late ?? 0,
            "obligations": obligations.map { ["label": $0.label, "dueOn": $0.dueOn.description, "fulfilledOn": $0.fulfilledOn?.description ?? "",
                                              "status": $0.status.chineseName, "finding": $0.isFinding] },
            "sections": try await contributedSections(report.area, context),
        ], context: context)
    }

    private func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let report = try await report(request, context)
        return try TableDownload(fileName: "三公开考核-\(report.area.name)-\(report.month)", sheets: [
            .init(name: "排名", header: ["名次", "代码", "名称", "\(report.month) 得分", "统计期得分", "逾期未公开", "补公开"],
                  rows: report.rows.map { [.integer(Int64($0.rank)), .text($0.area.code.text), .text($0.area.name), .integer(Int64($0.monthScore)),
                                           .integer(Int64($0.score)), .integer(Int64($0.overdue)), .integer(Int64($0.late))] }),
            .init(name: "应公开事项", header: ["代码", "名称", "事项", "截止日期", "公开日期", "状态", "逾期天数"],
                  rows: report.rows.flatMap { row in row.obligations.map { [.text(row.area.code.text), .text(row.area.name), .text($0.label),
                                                                              .text($0.dueOn.description), .text($0.fulfilledOn?.description ?? ""),
                                                                              .text($0.status.chineseName), .integer(Int64($0.lateDays))] } }),
            .init(name: "趋势", header: ["月份", "得分", "应公开", "按时", "补公开", "逾期未公开"],
                  rows: report.trend.map { [.text($0.month.description), .integer(Int64($0.score)), .integer(Int64($0.due)), .integer(Int64($0.onTime)),
                                            .integer(Int64($0.late)), .integer(Int64($0.overdue))] }),
        ]).response(.xlsx)
    }
}
