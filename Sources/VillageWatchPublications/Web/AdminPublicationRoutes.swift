import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchTransparency
import VillageWatchWeb

/// The back office of publications: clerks draft, submit, amend and withdraw; the village
/// supervision committee signs off or returns; officers above see everything in their area.
public struct AdminPublicationRoutes: Sendable {
    let services: WebServices
    let store: PublicationStore
    static let uploadLimit = 6 * 10 * 1024 * 1024 + 1024 * 1024

    public init(services: WebServices, store: PublicationStore) {
        self.services = services
        self.store = store
    }

    struct ActionForm: CSRFProtectedForm { let csrf: String; let note: String? }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/publications") { request, context in try await list(request, context) }
        router.get("/admin/publications/new") { _, context in try form(context, error: nil) }
        router.post("/admin/publications") { request, context in try await create(request, context) }
        router.get("/admin/publications/:id") { _, context in try await detail(context, error: nil) }
        router.post("/admin/publications/:id/amend") { request, context in try await amend(request, context) }
        router.post("/admin/publications/versions/:version/:action") { request, context in try await act(request, context) }
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let principal = try context.require(.viewDraftPublications, in: try context.principal().scope)
        let status = request.uri.queryParameters.get("status").flatMap { VersionStatus(rawValue: String($0)) }
        let items = try await services.database.read { try await PublicationReader($0).adminList(within: principal.scope, status: status, limit: 200) }
        return services.pages.page("admin-publications", title: "公开事项", [
            "items": items.map(PublicationPresenter.summary), "hasItems": !items.isEmpty,
            "statuses": VersionStatus.allCases.map { ["value": $0.rawValue, "name": $0.chineseName, "selected": $0 == status ? "selected" : ""] },
            "canEdit": AccessPolicy.allows(principal, .editPublications, in: principal.scope),
        ], context: context)
    }

    private func form(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) throws -> HTML {
        let principal = try context.require(.editPublications, in: try context.principal().scope)
        return services.pages.page("admin-publication-new", title: "起草公开事项", [
            "kinds": PublicationPresenter.kinds, "categories": PublicationPresenter.categories, "error": error ?? false,
            "village": principal.scope.text, "maxMB": AttachmentCheck.maxBytes / 1_048_576,
        ], context: context, status: status)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.require(.editPublications, in: try context.principal().scope)
        let form = try await MultipartForm.read(request, context: context, limit: Self.uploadLimit)
        guard let kind = form.fields["kind"].flatMap(PublicationKind.init(rawValue:)),
              let category = form.fields["category"].flatMap(PublicationCategory.init(rawValue:)) else {
            return try self.form(context, error: "请选择公开类别和事项类型", status: .badRequest).response(from: request, context: context)
        }
        let draft = PublicationDraft(kind: kind, category: category, title: form.fields["title"] ?? "", body: form.fields["body"] ?? "",
                                     period: form.fields["period"] ?? "", decidedOn: form.fields["decided_on"] ?? "",
                                     voteOn: form.fields["vote_on"] ?? "", attachments: try attachments(form))
        do {
            let created = try await store.createDraft(draft, village: principal.scope, by: principal)
            return redirect(to: "/admin/publications/\(created.publication)")
        } catch let problem as PublicationProblem {
            return try self.form(context, error: problem.reason, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    private func attachments(_ form: MultipartForm) throws -> [(fileName: String, bytes: Data)] {
        let files = form.files.filter { $0.field == "attachments" && !$0.data.isEmpty }
        guard files.count <= 6 else { throw HTTPError(.badRequest, message: "附件最多 6 个") }
        return files.map { ($0.fileName, $0.data) }
    }

    private func detail(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        let (publication, versions) = try await services.database.read { db in
            guard let publication = try await PublicationReader(db).publication(id) else { throw HTTPError(.notFound, message: "没有找到该公开事项") }
            return (publication, try await PublicationReader(db).versions(of: id))
        }
        let principal = try context.require(.viewDraftPublications, in: publication.villageCode)
        let size = try await store.log.currentTree().size
        let canEdit = AccessPolicy.allows(principal, .editPublications, in: publication.villageCode)
        let canSignOff = AccessPolicy.allows(principal, .signOffPublications, in: publication.villageCode)
        let open = versions.last.map { [.draft, .submitted, .returned].contains($0.status) } ?? false
        return services.pages.page("admin-publication", title: versions.last?.title ?? "公开事项", [
            "publication": PublicationPresenter.summary(publication, versions.last!),
            "versions": versions.reversed().map { version -> [String: Any] in
                var row = PublicationPresenter.version(version, treeSize: size)
                row["canSubmit"] = canEdit && [.draft, .returned].contains(version.status)
                row["canReview"] = canSignOff && version.status == .submitted && version.author != principal.username
                return row
            },
            "canAmend": canEdit && !open && versions.contains { $0.status == .published }, "error": error ?? false,
        ], context: context, status: status)
    }

    private func amend(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self),
              let publication = try await services.database.read({ try await PublicationReader($0).publication(id) }) else { throw HTTPError(.notFound) }
        let principal = try context.require(.editPublications, in: publication.villageCode)
        let form = try await MultipartForm.read(request, context: context, limit: Self.uploadLimit)
        do {
            _ = try await store.amend(id, title: form.fields["title"] ?? "", body: form.fields["body"] ?? "", reason: form.fields["reason"] ?? "",
                                      withdrawal: form.fields["withdraw"] == "1", attachments: try attachments(form), by: principal)
            return redirect(to: "/admin/publications/\(id)")
        } catch let problem as PublicationProblem {
            return try await detail(context, error: problem.reason, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    private func act(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let versionID = context.parameters.get("version", as: Int64.self),
              let action = context.parameters.get("action").flatMap(WorkflowAction.init(rawValue:)), action != .edit else { throw HTTPError(.notFound) }
        let (version, publication) = try await services.database.read { db in
            guard let version = try await PublicationReader(db).version(versionID),
                  let publication = try await PublicationReader(db).publication(version.publicationID) else { throw HTTPError(.notFound) }
            return (version, publication)
        }
        let permission: Permission = action == .submit ? .editPublications : .signOffPublications
        let principal = try context.require(permission, in: publication.villageCode)
        let form = try await context.form(ActionForm.self, from: request)
        do {
            try await store.apply(action, version: version.id, note: form.note ?? "", by: principal)
        } catch let problem as PublicationProblem {
            throw HTTPError(.conflict, message: problem.reason)
        } catch let error as WorkflowError {
            throw HTTPError(.conflict, message: error.description)
        }
        return redirect(to: "/admin/publications/\(publication.id)")
    }
}
