import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// The handlers' side: the items of one's area one may see (reports about cadres only for the
/// supervision officers and the commission), acknowledging and answering at one's own level,
/// the reporter's identity on request (audited), and the responsiveness table by area.
public struct EchoAdminRoutes: Sendable {
    let services: WebServices
    let items: EchoItemStore

    public init(services: WebServices, items: EchoItemStore) {
        self.services = services
        self.items = items
    }

    struct AnswerForm: CSRFProtectedForm { let csrf: String; let answer: String }
    struct ActionForm: CSRFProtectedForm { let csrf: String }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/echo") { request, context in try await list(request, context) }
        router.get("/admin/echo/board") { request, context in try await board(request, context) }
        router.get("/admin/echo/:id") { _, context in try await page(context) }
        router.post("/admin/echo/:id/acknowledge") { request, context in try await acknowledge(request, context) }
        router.post("/admin/echo/:id/answer") { request, context in try await answer(request, context) }
        router.post("/admin/echo/:id/reporter") { request, context in try await reporter(request, context) }
        router.get("/admin/echo/:id/photos/:photo") { _, context in try await photo(context) }
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let principal = try context.require(.viewEchoItems, in: try context.principal().scope)
        let kinds = EchoItemKind.allCases.filter { AccessPolicy.allows(principal, $0.viewPermission, in: principal.scope) }
        let waitingOnly = request.uri.queryParameters.get("show") != "all"
        let found = try await items.items(within: principal.scope, kinds: kinds, waitingOnly: waitingOnly)
        let today = services.clock.chinaToday
        let names = try await services.database.read { try await AreaStore($0).names(of: found.map(\.village)) }
        let rows = found.map { item -> [String: Any] in
            EchoPresenter.publicValues(item, villageName: names[item.villageCode] ?? item.villageCode, today: today)
                .merging(["mine": AccessPolicy.allows(principal, item.level.answerPermission, in: item.village), "awaits": item.status.awaitsAnswer]) { $1 }
        }
        return services.pages.page("echo-admin-list", title: "回音壁", [
            "items": rows, "hasItems": !rows.isEmpty, "waiting": found.filter(\.status.awaitsAnswer).count, "waitingOnly": waitingOnly,
            "canSeeBoard": AccessPolicy.allows(principal, .viewCompliance, in: principal.scope),
            "overdue": found.filter { EchoWorkflow.isOverdue($0.state, on: today) }.count, "seesReports": kinds.contains(.report),
            "calendarWarning": items.workflow.calendar.covers(year: today.year) ? false : "\(today.year) 年放假安排尚未录入，期限暂按周一至周五计算",
        ], context: context)
    }

    /// The item after the access check for its kind and village.
    private func visibleItem(_ context: AppRequestContext) async throws -> (StoredEchoItem, Principal) {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let item = try await items.item(id) else {
            throw HTTPError(.notFound, message: "没有找到该事项")
        }
        return (item, try context.require(item.kind.viewPermission, in: item.village))
    }

    private func page(_ context: AppRequestContext, reporter: (name: String, phone: String)?? = nil, error: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (item, principal) = try await visibleItem(context)
        let name = try await services.database.read { try await AreaStore($0).area(item.village)?.name } ?? item.villageCode
        let handles = AccessPolicy.allows(principal, item.level.answerPermission, in: item.village)
        var values = EchoPresenter.publicValues(item, villageName: name, today: services.clock.chinaToday)
        values.merge([
            "answer": item.answer ?? false,
            "fullText": item.text, "source": item.source == "web" ? "网页／手机" : item.source.replacingOccurrences(of: "open311:", with: "Open311 接口 "), "handles": handles, "error": error ?? false,
            "canAcknowledge": handles && item.status.awaitsAnswer && item.acknowledgedAt == nil, "canAnswer": handles && item.status.awaitsAnswer,
            "canReveal": handles && !item.anonymous && reporter == nil, "anonymous": item.anonymous,
            "reporterName": reporter??.name ?? false, "reporterPhone": reporter??.phone ?? false,
            "timeline": EchoPresenter.timeline(try await items.events(item.id), showActors: true),
            "photos": try await items.photos(item.id).map { ["href": "/admin/echo/\(item.id)/photos/\($0.id)", "name": $0.name, "size": "\(max(1, $0.size / 1024)) KB"] },
        ]) { $1 }
        return services.pages.page("echo-admin-item", title: "回音壁 · 编号 \(item.id)", values, context: context, status: status)
    }

    private func acknowledge(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (item, principal) = try await handledItem(context)
        _ = try await context.form(ActionForm.self, from: request)
        return try await perform(request, context) { try await items.acknowledge(item.id, at: item.level, by: principal) }
    }

    private func answer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (item, principal) = try await handledItem(context)
        let form = try await context.form(AnswerForm.self, from: request)
        return try await perform(request, context) { try await items.answer(item.id, text: form.answer, at: item.level, by: principal) }
    }

    /// The reporter's identity, shown on the item's page to whoever handles it now; audited.
    private func reporter(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (item, principal) = try await handledItem(context)
        _ = try await context.form(ActionForm.self, from: request)
        let identity = try await items.reporter(item.id, by: principal)
        return try await page(context, reporter: .some(identity)).response(from: request, context: context)
    }

    /// The item, for a principal who answers at its current level.
    private func handledItem(_ context: AppRequestContext) async throws -> (StoredEchoItem, Principal) {
        let (item, _) = try await visibleItem(context)
        return (item, try context.require(item.level.answerPermission, in: item.village))
    }

    private func perform(_ request: Request, _ context: AppRequestContext, _ action: () async throws -> Void) async throws -> Response {
        do {
            try await action()
        } catch let problem as EchoProblem {
            return try await page(context, error: problem.reason, status: .unprocessableContent).response(from: request, context: context)
        }
        return redirect(to: request.uri.path.components(separatedBy: "/").dropLast().joined(separator: "/"))
    }

    /// A photo, for whoever may see the item; served as stored (type checked at upload), never sniffed.
    private func photo(_ context: AppRequestContext) async throws -> Response {
        let (item, _) = try await visibleItem(context)
        guard let id = context.parameters.get("photo").flatMap(Int64.init), let photo = try await items.photo(id), photo.itemID == item.id else {
            throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: photo.contentType, .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: photo.content)))
    }

    /// Responsiveness by town or village for the compliance dashboard.
    private func board(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let scope = try context.principal().scope
        let code = request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) } ?? scope
        try context.require(.viewCompliance, in: code)
        guard let area = try await services.database.read({ try await AreaStore($0).area(code) }) else { throw HTTPError(.notFound) }
        let board = try await EchoBoard.build(area: area, items: items, database: services.database)
        return services.pages.page("echo-admin-board", title: "回音壁办理情况 · \(area.name)", [
            "area": ["code": area.code.text, "name": area.name], "board": board.values(EchoBoard.adminBoard),
        ], context: context)
    }
}
