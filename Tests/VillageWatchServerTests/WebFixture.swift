import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import NIOCore
import Prometheus
import Testing
import VillageWatchCore
import VillageWatchServer
import VillageWatchTestSupport

/// A running application over the test world, with one account per role and scope, driven
/// through Hummingbird's router tester (no sockets).
struct WebFixture {
    static let password = "Testpass2026"
    /// Metrics can be bootstrapped once per process.
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static let accounts: [(String, Role, String)] = [
        ("clerk-a", .villageClerk, TestWorld.villageA), ("clerk-b", .villageClerk, TestWorld.villageB),
        ("committee-a", .supervisionCommitteeMember, TestWorld.villageA), ("committee-b", .supervisionCommitteeMember, TestWorld.villageB),
        ("town-a", .townOfficer, TestWorld.townA), ("town-b", .townOfficer, TestWorld.townB),
        ("commission", .disciplineCommission, "440882000000"), ("auditor", .auditor, "440882000000"),
        ("auditor-a", .auditor, TestWorld.villageA), ("minzheng", .countyDepartment, "440882000000"),
        ("officer-a", .supervisionOfficer, TestWorld.townA), ("officer-b", .supervisionOfficer, TestWorld.townB),
    ]

    let database: Database
    let client: any TestClientProtocol
    let platform: PlatformServices

    /// Runs `body` against a fresh world on SQLite.
    static func run(_ body: @escaping @Sendable (WebFixture) async throws -> Void) async throws {
        try await withTestDatabase(.sqlite) { database in
            try await TestWorld.load(into: database)
            let users = UserStore(database: database, bcryptCost: 4)
            for (username, role, scope) in accounts {
                try await users.create(.init(username: username, displayName: username, role: role, scope: scope,
                                             password: password, mustChangePassword: false), by: .system)
            }
            let services = try VillageWatchApp.services(database: database, bcryptCost: 4)
            let keyPath = FileManager.default.temporaryDirectory.appendingPathComponent("vw-key-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: keyPath) }
            let platform = try await PlatformServices.make(database: database, keyPath: keyPath, secretsKeyPath: keyPath + ".secrets")
            defer { try? FileManager.default.removeItem(atPath: keyPath + ".secrets") }
            let app = Application(router: try VillageWatchApp.router(services: services, platform: platform, metrics: metrics))
            try await app.test(.router) { client in try await body(WebFixture(database: database, client: client, platform: platform)) }
        }
    }

    /// Signs in through the real form and returns the browser state.
    func signIn(_ username: String, password: String = WebFixture.password) async throws -> Browser {
        var browser = Browser(client: client)
        let form = try await browser.get("/admin/login")
        let token = try #require(Browser.hiddenField("csrf", in: form.bodyText))
        let response = try await browser.post("/admin/login", form: ["username": username, "password": password, "csrf": token])
        #expect(response.status == .seeOther, "sign-in of \(username)")
        return browser
    }
}

/// A cookie jar over the test client, with form helpers.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The CSRF token of the last page that had one.
    var csrf = ""

    mutating func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, headers: [:], body: nil)
    }

    mutating func post(_ uri: String, form: [String: String]) async throws -> TestResponse {
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// A multipart upload like the import form sends.
    mutating func upload(_ uri: String, fields: [String: String], fileName: String, file: String) async throws -> TestResponse {
        try await upload(uri, fields: fields, files: [(field: "file", name: fileName, bytes: Data(file.utf8))])
    }

    /// A multipart post with any number of files (photos of an echo wall item).
    mutating func upload(_ uri: String, fields: [String: String], files: [(field: String, name: String, bytes: Data)]) async throws -> TestResponse {
        let boundary = "vwboundary\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n") }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await send(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    private mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) } else if pair.count == 1 { cookies[String(pair[0])] = nil }
        }
        if let token = Self.hiddenField("csrf", in: response.bodyText) { csrf = token }
        return response
    }

    static func hiddenField(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestResponse {
    var bodyText: String { String(buffer: body) }
}
