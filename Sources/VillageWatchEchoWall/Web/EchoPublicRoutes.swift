import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// The villagers' side of the echo wall: submit from the village page (phone or kiosk), keep the
/// receipt code, follow the item with it, rate the answer or reopen it once; and the public wall
/// of answered items with each area's responsiveness. No account anywhere.
public struct EchoPublicRoutes: Sendable {
    let services: WebServices
    let items: EchoItemStore

    public init(services: WebServices, items: EchoItemStore) {
        self.services = services
        self.items = items
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/areas/:code/echo") { request, context in try await wall(request, context) }
        router.get("/areas/:code/echo/new") { _, context in try await form(context, village: try await village(context)) }
        router.post("/areas/:code/echo") { request, context in try await submit(request, context) }
        router.get("/echo/items/:id") { _, context in try await publicItem(context) }
        router.get("/echo/track") { _, context in services.pages.page("echo-track", title: "查询办理进度", [:], context: context) }
        router.post("/echo/track") { request, context in try await track(request, context) }
        router.post("/echo/rate") { request, context in try await rate(request, context) }
    }

    private func village(_ context: AppRequestContext) async throws -> Area {
        guard let code = context.parameters.get("code").flatMap(AreaCode.init), code.level == .village,
              let area = try await services.database.read({ try await AreaStore($0).area(code) }) else {
            throw HTTPError(.notFound, message: "请从村（居）页面进入回音壁")
        }
        return area
    }

    private func form(_ context: AppRequestContext, village: Area, error: String? = nil, entered: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        services.pages.page("echo-new", title: "我要反映 · \(village.name)", [
            "village": village.code.text, "villageName": village.name, "nonce": ReceiptCode.token(), "error": error ?? false,
            "kinds": EchoPresenter.kinds.map { $0.merging(["checked": $0["value"] == (entered["kind"] ?? "question") ? "checked" : ""]) { $1 } },
            "categories": EchoPresenter.categories.map { $0.merging(["selected": $0["value"] == entered["category"] ? "selected" : ""]) { $1 } },
            "text": entered["text"] ?? "", "name": entered["name"] ?? "", "phone": entered["phone"] ?? "",
            "maxPhotos": EchoSubmission.maxPhotos, "limits": limitsText,
        ], context: context, status: status)
    }

    private var limitsText: String {
        let rules = items.workflow.rules, days = rules.answerDays
        return "受理：\(rules.acknowledgeDays) 个工作日内；答复：咨询 \(days.question) 个、建议 \(days.suggestion) 个、投诉 \(days.complaint) 个、"
            + "举报 \(days.report) 个工作日内（节假日顺延）。"
    }

    private func submit(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let village = try await village(context)
        let form = try await MultipartForm.readAnonymous(request, limit: (EchoSubmission.maxPhotos + 1) * EchoSubmission.maxPhotoBytes)
        let fields = form.fields
        guard let kind = fields["kind"].flatMap(EchoItemKind.init), let category = fields["category"].flatMap(EchoCategory.init) else {
            return try await self.form(context, village: village, error: "请选择反映类型和类别", entered: fields, status: .unprocessableContent)
        }
        let realName = fields["identity"] == "real"
        let submission = EchoSubmission(kind: kind, category: category, village: village.code, text: fields["text"] ?? "",
                                        reporterName: realName ? fields["name"] : nil, phone: realName ? fields["phone"] : nil,
                                        photos: form.files.filter { !$0.fileName.isEmpty || !$0.data.isEmpty }.map { .init(fileName: $0.fileName, bytes: $0.data) })
        do {
            let receipt = try await items.submit(submission, from: .web(address: context.remoteAddress), nonce: fields["nonce"])
            let state = receipt.state
            return services.pages.page("echo-receipt", title: "已收到您的反映", [
                "id": receipt.id, "code": receipt.code, "kind": kind.chineseName, "level": kind.firstLevel.chineseName, "villageName": village.name,
                "village": village.code.text, "acknowledgeBy": state.acknowledgeBy?.description ?? "", "answerBy": state.answerBy.description,
                "cadreReport": kind.isCadreReport,
            ], context: context)
        } catch let problem as EchoProblem {
            return try await self.form(context, village: village, error: problem.reason, entered: fields, status: .unprocessableContent)
        }
    }

    /// The item a receipt code opens, with the rating form once it is answered.
    private func track(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        try AnonymousForm.checkOrigin(request)
        struct Lookup: Decodable { let code: String }
        let code = try await FormBody.decode(Lookup.self, from: request).code
        return try await trackPage(code: code, context: context)
    }

    private func trackPage(code: String, context: AppRequestContext, message: String? = nil, error: String? = nil) async throws -> HTML {
        do {
            let item = try await items.item(receipt: code, address: context.remoteAddress)
            var values = try await itemValues(item)
            values.merge(["code": code, "found": true, "message": message ?? false, "error": error ?? false,
                          "canRate": item.status == .answered, "canReopen": item.status == .answered && !item.state.reopened]) { $1 }
            return services.pages.page("echo-track", title: "查询办理进度", values, context: context, status: error == nil ? .ok : .unprocessableContent)
        } catch let problem as EchoProblem {
            return services.pages.page("echo-track", title: "查询办理进度", ["error": problem.reason], context: context, status: .unprocessableContent)
        }
    }

    private func rate(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        try AnonymousForm.checkOrigin(request)
        struct Rating: Decodable { let code: String; let rating: String?; let reopen: String? }
        let form = try await FormBody.decode(Rating.self, from: request)
        let reopen = form.reopen == "1"
        do {
            try await items.rate(receipt: form.code, rating: Int(form.rating ?? "") ?? 0, reopen: reopen, address: context.remoteAddress)
            return try await trackPage(code: form.code, context: context, message: reopen ? "已申请重新办理，将在期限内再次答复。" : "感谢您的评价，该事项已办结。")
        } catch let problem as EchoProblem {
            return try await trackPage(code: form.code, context: context, error: problem.reason)
        }
    }

    private func publicItem(_ context: AppRequestContext) async throws -> HTML {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let item = try await items.item(id), item.answer != nil else {
            throw HTTPError(.notFound, message: "没有找到该事项，或尚未答复")
        }
        return services.pages.page("echo-item", title: "回音壁 · 编号 \(id)", try await itemValues(item), context: context)
    }

    private func itemValues(_ item: StoredEchoItem) async throws -> [String: Any] {
        let name = try await services.database.read { try await AreaStore($0).area(item.village)?.name } ?? item.villageCode
        var values = EchoPresenter.publicValues(item, villageName: name, today: services.clock.chinaToday)
        values["timeline"] = EchoPresenter.timeline(try await items.events(item.id), showActors: false)
        return values
    }

    /// An area's wall: its responsiveness, each child area's, and the latest answers.
    private func wall(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        guard let code = context.parameters.get("code").flatMap(AreaCode.init), code.level != .group,
              let area = try await services.database.read({ try await AreaStore($0).area(code) }) else { throw HTTPError(.notFound) }
        let page = min(max(1, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1), 10_000)
        let answered = try await items.answeredItems(within: code, page: page)
        let board = try await EchoBoard.build(area: area, items: items, database: services.database)
        let names = try await services.database.read { try await AreaStore($0).names(of: answered.map(\.village)) }
        return services.pages.page("echo-wall", title: "回音壁 · \(area.name)", [
            "area": ["code": area.code.text, "name": area.name], "isVillage": area.code.level == .village, "board": board.values(EchoBoard.publicWall),
            "items": answered.map { EchoPresenter.publicValues($0, villageName: names[$0.villageCode] ?? $0.villageCode, today: services.clock.chinaToday) },
            "hasItems": !answered.isEmpty, "page": page, "previous": page > 1 ? page - 1 : false, "next": answered.count == 20 ? page + 1 : false,
        ], context: context)
    }
}
