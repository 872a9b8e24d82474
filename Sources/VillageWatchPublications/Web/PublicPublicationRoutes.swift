import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchTransparency
import VillageWatchWeb

/// What villagers see: a village's publications newest first (filter by kind and period), each
/// publication with every published version, its log index and proof, attachments, search, and
/// the form to report a missing publication.
public struct PublicPublicationRoutes: Sendable {
    let services: WebServices
    let log: TransparencyLog
    static let pageSize = 20

    public init(services: WebServices, log: TransparencyLog) {
        self.services = services
        self.log = log
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/areas/:code/publications") { request, context in try await list(request, context) }
        router.get("/publications/search") { request, context in try await search(request, context) }
        router.get("/publications/attachments/:id") { _, context in try await attachment(context) }
        router.get("/publications/:id") { _, context in try await detail(context) }
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        guard let code = context.parameters.get("code").flatMap(AreaCode.init), code.level == .village,
              let village = try await services.database.read({ try await AreaStore($0).area(code) }) else { throw HTTPError(.notFound) }
        let kind = request.uri.queryParameters.get("kind").flatMap(PublicationKind.init(rawValue:))
        let period = request.uri.queryParameters.get("period").map { String($0) } ?? ""
        let page = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
        let items = try await services.database.read {
            try await PublicationReader($0).publicList(village: code, kind: kind, period: period, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
        }
        return services.pages.page("publications-list", title: "\(village.name) 三公开", [
            "village": ["code": code.text, "name": village.name], "items": items.prefix(Self.pageSize).map(PublicationPresenter.summary),
            "hasItems": !items.isEmpty, "kinds": PublicationPresenter.kinds.map { $0.merging(["selected": $0["value"] == kind?.rawValue ? "selected" : ""]) { $1 } },
            "period": period, "page": page, "previous": page > 1 ? page - 1 : false, "next": items.count > Self.pageSize ? page + 1 : false,
            "kindValue": kind?.rawValue ?? "",
            "hasCrumbs": true, "breadcrumbs": [["name": village.name, "href": "/areas/\(code.text)"]],
        ], context: context)
    }

    private func detail(_ context: AppRequestContext) async throws -> HTML {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        let (publication, versions, village) = try await services.database.read { db in
            let reader = PublicationReader(db)
            guard let publication = try await reader.publication(id) else { throw HTTPError(.notFound, message: "没有找到该公开事项") }
            return (publication, try await reader.versions(of: id).filter { $0.status == .published },
                    try await AreaStore(db).area(publication.villageCode))
        }
        guard let latest = versions.last else { throw HTTPError(.notFound, message: "该事项尚未公开") }
        let size = try await log.currentTree().size
        return services.pages.page("publication-detail", title: latest.title, [
            "publication": PublicationPresenter.summary(publication, latest),
            "versions": versions.reversed().map { PublicationPresenter.version($0, treeSize: size) },
            "hasHistory": versions.count > 1, "village": ["code": publication.villageCode.text, "name": village?.name ?? ""],
            "hasCrumbs": true, "breadcrumbs": [["name": village?.name ?? "", "href": "/areas/\(publication.villageCode.text)"],
                                               ["name": "三公开", "href": "/areas/\(publication.villageCode.text)/publications"]],
        ], context: context)
    }

    private func search(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let query = String(request.uri.queryParameters.get("q") ?? "").prefix(100)
        let area = request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) }
        let terms = SearchTerms.queryTerms(String(query))
        let results = try await services.database.read { try await PublicationReader($0).search(terms: terms, within: area, limit: 50) }
        return services.pages.page("publications-search", title: "搜索公开事项", [
            "q": String(query), "area": area?.text ?? "", "results": results.map(PublicationPresenter.summary),
            "searched": !terms.isEmpty, "hasResults": !results.isEmpty, "count": results.count,
        ], context: context)
    }

    /// Attachments of published versions are public; others only for users who may see drafts there.
    private func attachment(_ context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self),
              let found = try await services.database.read({ try await PublicationReader($0).attachment(id) }) else { throw HTTPError(.notFound) }
        if found.status != .published { try context.require(.viewDraftPublications, in: found.village) }
        return Response(status: .ok, headers: [.contentType: found.info.contentType,
                                               .contentDisposition: ContentDisposition.value(fileName: found.info.fileName, inline: true),
                                               .cacheControl: "private, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(bytes: found.content)))
    }
}
