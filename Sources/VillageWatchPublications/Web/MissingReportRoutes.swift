import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Villagers report a missing publication from the village page; the town sees the reports.
public struct MissingReportRoutes: Sendable {
    let services: WebServices
    let store: MissingReportStore
    /// The report form is anonymous (see `AnonymousForm`); abuse is limited per address.
    static let formToken = "villager-report"

    public init(services: WebServices, store: MissingReportStore) {
        self.services = services
        self.store = store
    }

    struct ReportForm: Decodable { let csrf: String; let kind: String; let period: String?; let text: String }

    public func register(on router: Router<AppRequestContext>) {
        router.post("/areas/:code/missing-reports") { request, context in try await file(request, context) }
        router.get("/admin/missing-reports") { request, context in try await list(request, context) }
    }

    private func file(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        guard let code = context.parameters.get("code").flatMap(AreaCode.init), code.level == .village else { throw HTTPError(.notFound) }
        try AnonymousForm.checkOrigin(request)
        let form = try await FormBody.decode(ReportForm.self, from: request)
        guard form.csrf == Self.formToken, let kind = PublicationKind(rawValue: form.kind) else { throw HTTPError(.badRequest, message: "表单内容不完整") }
        let message: String
        var status = HTTPResponse.Status.ok
        do {
            try await store.file(village: code, kind: kind, period: form.period ?? "", text: form.text, ip: context.remoteAddress)
            message = "已收到，您的反映已转给镇（街道）。"
        } catch let problem as PublicationProblem {
            message = problem.reason
            status = .unprocessableContent
        }
        return services.pages.page("error", title: "反映未公开事项", ["heading": "反映未公开事项", "message": message], context: context, status: status)
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let scope = try context.principal().scope
        let area = request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) } ?? scope
        try context.require(.viewCompliance, in: area)
        let reports = try await store.reports(within: area)
        let names = try await services.database.read { db in
            Dictionary(uniqueKeysWithValues: try await AreaStore(db).children(of: area).map { ($0.code.text, $0.name) })
        }
        return services.pages.page("missing-reports", title: "村民反映的未公开事项", [
            "reports": reports.map { ["at": Timestamp.chinaStandardTime(utc: $0.createdAt), "village": $0.villageCode,
                                      "villageName": names[$0.villageCode] ?? $0.villageCode, "kind": $0.kind.chineseName,
                                      "period": $0.period ?? "", "text": $0.text] },
            "hasReports": !reports.isEmpty,
        ], context: context)
    }
}
