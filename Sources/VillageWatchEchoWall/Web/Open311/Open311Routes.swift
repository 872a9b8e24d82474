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
        default: return Open311Document.errors(.notFound, "未知的资源：\(name)").response(format, status: .notFound)
        }
    }

    private func definition(_ context: AppRequestContext) async throws -> Response {
        guard let (code, format) = Open311Document.Format.split(context.parameters.get("code") ?? "") else { throw HTTPError(.notFound) }
        guard let service = Open311Service(code: code) else {
            return Open311Document.errors(.notFound, "未知的 service_code：\(code)").response(format, status: .notFound)
        }
        return Open311Document.single("service_definition", .init([("service_code", .text(service.code)), ("attributes", .records(element: "attribute", []))]))
            .response(format)
    }

    private func requestList(_ request: Request, _ format: Open311Document.Format) async throws -> Response {
        do {
            return try await requestsDocument(try await items.requests(try Self.filter(request, now: services.clock.now()))).response(format)
        } catch let problem as EchoProblem {
            return Open311Document.errors(.badRequest, problem.reason).response(format, status: .badRequest)
        }
    }

    /// GeoReport v2's query: `service_request_id` alone, or `service_code`, `start_date`,
    /// `end_date` (a bare date means that whole day, China Standard Time), `status`, and the
    /// `page`/`page_size` extension; 90 days back by default. A value that is not understood is
    /// refused rather than ignored.
    static func filter(_ request: Request, now: Date) throws(EchoProblem) -> EchoItemStore.RequestFilter {
        let query = request.uri.queryParameters
        var filter = EchoItemStore.RequestFilter()
        filter.ids = try (query.get("service_request_id") ?? "").split(separator: ",").map { id throws(EchoProblem) in
            guard let number = Int64(id.trimmingCharacters(in: .whitespaces)) else { throw EchoProblem("service_request_id 应为数字：\(id)") }
            return number
        }
        guard filter.ids.isEmpty else { return filter }
        for code in (query.get("service_code") ?? "").split(separator: ",") {
            guard let service = Open311Service(code: String(code)) else { throw EchoProblem("未知的 service_code：\(code)") }
            filter.services.append((service.kind, service.category))
        }
        filter.start = try query.get("start_date").map { text throws(EchoProblem) in
            guard let date = Open311Time.parse(text, endOfDay: false) else { throw EchoProblem("start_date 不是 W3C 日期时间：\(text)") }
            return date
        }
        filter.end = try query.get("end_date").map { text throws(EchoProblem) in
            guard let date = Open311Time.parse(text, endOfDay: true) else { throw EchoProblem("end_date 不是 W3C 日期时间：\(text)") }
            return date
        }
        switch query.get("status") {
        case nil: break
        case "open": filter.open = true
        case "closed": filter.open = false
        case let other?: throw EchoProblem("status 应为 open 或 closed：\(other)")
        }
        filter.page = query.get("page").flatMap { Int($0) } ?? 1
        filter.pageSize = query.get("page_size").flatMap { Int($0) } ?? 50
        if filter.start == nil && filter.end == nil { filter.start = now.addingTimeInterval(-90 * 86_400) }
        return filter
    }

    private func request(_ context: AppRequestContext) async throws -> Response {
        guard let (id, format) = Open311Document.Format.split(context.parameters.get("id") ?? "") else { throw HTTPError(.notFound) }
        var filter = EchoItemStore.RequestFilter()
        filter.ids = Int64(id).map { [$0] } ?? []
        guard !filter.ids.isEmpty, let item = try await items.requests(filter).first else {
            return Open311Document.errors(.notFound, "没有编号为 \(id) 的公开事项").response(format, status: .notFound)
        }
        return try await requestsDocument([item]).response(format)
    }

    private func token(_ context: AppRequestContext) async throws -> Response {
        guard let (token, format) = Open311Document.Format.split(context.parameters.get("token") ?? "") else { throw HTTPError(.notFound) }
        guard let item = try await items.item(token: token) else {
            return Open311Document.errors(.notFound, "没有与该 token 对应的事项：\(token)").response(format, status: .notFound)
        }
        return Open311Document.list("service_requests", of: "request", [.init([("service_request_id", .text(String(item.id))), ("token", .text(token))])])
            .response(format)
    }

    /// A new request from a client with a valid key. The reporter is the client's user: real-name
    /// when a name and phone come with it (`last_name` + `first_name`, the Chinese order). Photos
    /// come as `media` files of a `multipart/form-data` post (an extension: GeoReport v2 itself
    /// only has `media_url`, which would make the server fetch what a client points it at).
    private func post(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (name, format) = Open311Document.Format.split(context.parameters.get("resource") ?? ""), name == "requests" else {
            throw HTTPError(.notFound)
        }
        let (fields, photos) = try await Self.fields(of: request)
        guard let key = fields["api_key"], !key.isEmpty, let client = try await keys.client(forKey: key) else {
            return Open311Document.errors(.forbidden, "api_key 缺失或无效").response(format, status: .forbidden)
        }
        guard let service = fields["service_code"].flatMap(Open311Service.init(code:)) else {
            return Open311Document.errors(.badRequest, "未知的 service_code：\(fields["service_code"] ?? "")").response(format, status: .badRequest)
        }
        guard let village = (fields["address_id"] ?? fields["address_string"]?.filter(\.isASCII).filter(\.isNumber)).flatMap(AreaCode.init),
              village.level == .village else {
            return Open311Document.errors(.badRequest, "address_id 应为村（居）的 12 位统计用区划代码").response(format, status: .badRequest)
        }
        let reporter = ((fields["last_name"] ?? "") + (fields["first_name"] ?? "")).trimmingCharacters(in: .whitespaces)
        let submission = EchoSubmission(kind: service.kind, category: service.category, village: village, text: fields["description"] ?? "",
                                        reporterName: reporter.isEmpty ? nil : reporter, phone: fields["phone"], photos: photos)
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

    /// The post's fields and its `media` files, urlencoded or multipart.
    static func fields(of request: Request) async throws -> (fields: [String: String], photos: [EchoSubmission.Photo]) {
        guard request.headers[.contentType]?.hasPrefix("multipart/form-data") == true else {
            var request = request
            return (formFields(String(buffer: try await request.collectBody(upTo: 64 * 1024))), [])
        }
        let form = try await MultipartForm.readAnonymous(request, limit: (EchoSubmission.maxPhotos + 1) * EchoSubmission.maxPhotoBytes)
        return (form.fields, form.files.filter { $0.field == "media" }.map { .init(fileName: $0.fileName, bytes: $0.data) })
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
        return .list("service_requests", of: "request", found.map { Open311Request(item: $0, villageName: names[$0.villageCode] ?? $0.villageCode).record })
    }
}
