import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Open311 GeoReport v2 at `/open311/v2/` over the echo wall, in JSON and XML: the services
/// (kind × category), the requests with their public view (masked text, none for reports about
/// cadres, never the reporter), POST with an API key (`villagewatch open311 key add NAME`), and
/// tokens. Reads are anonymous, as the specification has them.
public struct Open311Routes: Sendable {
    let services: WebServices
    let items: EchoItemStore
    let keys: Open311KeyStore

    public init(services: WebServices, items: EchoItemStore) {
        self.services = services
        self.items = items
        keys = Open311KeyStore(database: services.database, clock: services.clock)
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/open311/:discovery") { request, _ in try await discovery(request) }
        router.get("/open311/v2/:resource") { request, context in try await collection(request, context) }
        router.post("/open311/v2/:resource") { request, context in try await post(request, context) }
        router.get("/open311/v2/services/:code") { _, context in try await definition(context) }
        router.get("/open311/v2/requests/:id") { _, context in try await request(context) }
        router.get("/open311/v2/tokens/:token") { _, context in try await token(context) }
    }

    private func discovery(_ request: Request) async throws -> Response {
        guard let (name, format) = Open311Document.Format.split(request.uri.path.components(separatedBy: "/").last ?? ""), name == "discovery" else {
            throw HTTPError(.notFound)
        }
        let base = "\(request.uri.scheme.map { "\($0)://" } ?? "http://")\(request.head.authority ?? "localhost")/open311/v2"
        return Open311Document.single("discovery", .init([
            ("changeset", .text("2026-11-29T00:00:00+08:00")), ("contact", .text("县纪委监委 村级组织监督云平台")),
            ("key_service", .text("API 密钥由县纪委监委平台管理员签发（villagewatch open311 key add）")),
            ("endpoints", .records(element: "endpoint", [.init([
                ("specification", .text("http://wiki.open311.org/GeoReport_v2")), ("url", .text(base)),
                ("changeset", .text("2026-11-29T00:00:00+08:00")), ("type", .text("production")),
                ("formats", .strings(element: "format", ["application/json", "text/xml"])),
            ])])),
        ])).response(format)
    }

    /// `services.json` and `requests.json` (and `.xml`).
    private func collection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (name, format) = Open311Document.Format.split(context.parameters.get("resource") ?? "") else { throw HTTPError(.notFound) }
        switch name {
        case "services": return Open311Document.list("services", of: "service", Open311Service.all.map(\.record)).response(format)
        case "requests": return try await requestList(request, format)
        default: return Open311Document.errors(.notFound, "unknown resource \(name)").response(format, status: .notFound)
        }
    }

    private func definition(_ context: AppRequestContext) async throws -> Response {
        guard let (code, format) = Open311Document.Format.split(context.parameters.get("code") ?? "") else { throw HTTPError(.notFound) }
        guard let service = Open311Service(code: code) else {
            return Open311Document.errors(.notFound, "unknown service_code \(code)").response(format, status: .notFound)
        }
        return Open311Document.single("service_definition", .init([("service_code", .text(service.code)), ("attributes", .records(element: "attribute", []))]))
            .response(format)
    }

    private func requestList(_ request: Request, _ format: Open311Document.Format) async throws -> Response {
        let query = request.uri.queryParameters
        var filter = EchoItemStore.RequestFilter()
        filter.ids = (query.get("service_request_id") ?? "").split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        for code in (query.get("service_code") ?? "").split(separator: ",") {
            guard let service = Open311Service(code: String(code)) else {
                return Open311Document.errors(.badRequest, "unknown service_code \(code)").response(format, status: .badRequest)
            }
            filter.services.append((service.kind, service.category))
        }
        filter.start = query.get("start_date").flatMap(Open311Time.parse)
        filter.end = query.get("end_date").flatMap(Open311Time.parse)
        filter.open = query.get("status").flatMap { $0 == "open" ? true : $0 == "closed" ? false : nil }
        filter.page = max(1, query.get("page").flatMap { Int($0) } ?? 1)
        filter.pageSize = min(200, max(1, query.get("page_size").flatMap { Int($0) } ?? 50))
        if filter.start == nil && filter.end == nil && filter.ids.isEmpty {
            filter.start = services.clock.now().addingTimeInterval(-90 * 86_400)
        }
        return try await requestsDocument(try await items.requests(filter)).response(format)
    }

    private func request(_ context: AppRequestContext) async throws -> Response {
        guard let (id, format) = Open311Document.Format.split(context.parameters.get("id") ?? "") else { throw HTTPError(.notFound) }
        guard let number = Int64(id), let item = try await items.item(number) else {
            return Open311Document.errors(.notFound, "no service request \(id)").response(format, status: .notFound)
        }
        return try await requestsDocument([item]).response(format)
    }

    private func token(_ context: AppRequestContext) async throws -> Response {
        guard let (token, format) = Open311Document.Format.split(context.parameters.get("token") ?? "") else { throw HTTPError(.notFound) }
        guard let item = try await items.item(token: token) else {
            return Open311Document.errors(.notFound, "no request for token \(token)").response(format, status: .notFound)
        }
        return Open311Document.list("service_requests", of: "request", [.init([("service_request_id", .text(String(item.id))), ("token", .text(token))])])
            .response(format)
    }

    /// A new request from a client with a valid key. The reporter is the client's user: real-name
    /// when a name and phone come with it (`last_name` + `first_name`, the Chinese order).
    private func post(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (name, format) = Open311Document.Format.split(context.parameters.get("resource") ?? ""), name == "requests" else {
            throw HTTPError(.notFound)
        }
        var request = request
        let fields = Self.formFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        guard let key = fields["api_key"], !key.isEmpty, let client = try await keys.client(forKey: key) else {
            return Open311Document.errors(.forbidden, "api_key is missing or not valid").response(format, status: .forbidden)
        }
        guard let service = fields["service_code"].flatMap(Open311Service.init(code:)) else {
            return Open311Document.errors(.badRequest, "unknown service_code \(fields["service_code"] ?? "")").response(format, status: .badRequest)
        }
        guard let village = (fields["address_id"] ?? fields["address_string"]?.filter(\.isASCII).filter(\.isNumber)).flatMap(AreaCode.init),
              village.level == .village else {
            return Open311Document.errors(.badRequest, "address_id must be the 12-digit statistical code of a village").response(format, status: .badRequest)
        }
        let reporter = ((fields["last_name"] ?? "") + (fields["first_name"] ?? "")).trimmingCharacters(in: .whitespaces)
        let submission = EchoSubmission(kind: service.kind, category: service.category, village: village, text: fields["description"] ?? "",
                                        reporterName: reporter.isEmpty ? nil : reporter, phone: fields["phone"])
        do {
            let receipt = try await items.submit(submission, from: .open311(client: client))
            return Open311Document.list("service_requests", of: "request", [.init([
                ("service_request_id", .text(String(receipt.id))), ("token", .text(receipt.token)),
                ("service_notice", .text("已收到，编号 \(receipt.id)。请保存回执码 \(receipt.code)，凭码查询办理进度并评价答复。")), ("account_id", .text(nil)),
            ])]).response(format, status: .created)
        } catch let problem as EchoProblem {
            return Open311Document.errors(.badRequest, problem.reason).response(format, status: .badRequest)
        }
    }

    /// `application/x-www-form-urlencoded` fields (the last value of a repeated name).
    static func formFields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    private func requestsDocument(_ found: [StoredEchoItem]) async throws -> Open311Document {
        let names = try await services.database.read { try await AreaStore($0).names(of: found.map(\.village)) }
        let texts = try await EchoPublicText.load(for: found, database: services.database)
        return .list("service_requests", of: "request", found.map {
            Open311Request(item: $0, villageName: names[$0.villageCode] ?? $0.villageCode, text: texts.text(of: $0)).record
        })
    }
}
