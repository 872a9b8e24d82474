import Foundation
import Hummingbird
import NIOCore
import VillageWatchCore
import VillageWatchWeb

/// `POST /api/v1/bank-feed/transactions`: a registered bank pushes transactions (银企直连).
///
/// The request carries `X-VW-Client`, `X-VW-Timestamp`, `X-VW-Nonce` and `X-VW-Signature`
/// (see `BankFeedSignature`); the body is `{"transactions":[…]}` with the canonical
/// bank-transactions fields, amounts as strings of yuan. The rows go through the same import
/// pipeline as a file — validation, idempotence, all-or-nothing, an import record — and a
/// problem's `entry` is the 1-based position in the array.
public struct BankFeedRoutes: Sendable {
    let database: Database
    let clients: BankClientStore
    let clock: any WallClock
    static let bodyLimit = 16 * 1024 * 1024

    public init(database: Database, clients: BankClientStore, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clients = clients
        self.clock = clock
    }

    struct Push: Decodable {
        struct Entry: Decodable {
            let account_number: String, transaction_id: String, booked_at: String, amount: String
            let balance: String?, counterparty_account: String?, counterparty_name: String?, counterparty_bank: String?
            let channel: String?, summary: String?, purpose: String?
        }
        let transactions: [Entry]
    }

    struct Outcome: Encodable {
        struct Problem: Encodable { let entry: Int; let field: String?; let reason: String }
        let outcome: String, inserted: Int, unchanged: Int, rejected: Int
        let problems: [Problem], warnings: [String]
    }

    public func register(on router: Router<AppRequestContext>) {
        router.post("/api/v1/bank-feed/transactions") { request, _ in try await push(request) }
    }

    private func push(_ request: Request) async throws -> Response {
        var request = request
        let body = Data(buffer: try await request.collectBody(upTo: Self.bodyLimit))
        guard let client = request.headers[.init("X-VW-Client")!], let secret = try await clients.secret(of: client) else {
            return refusal(.unauthorized, "unknown or disabled bank client")
        }
        let nonce = request.headers[.init("X-VW-Nonce")!]
        do {
            try BankFeedSignature.verify(secret: secret, timestamp: request.headers[.init("X-VW-Timestamp")!], nonce: nonce,
                                         signature: request.headers[.init("X-VW-Signature")!], body: body, now: clock.now())
        } catch {
            return refusal(.unauthorized, error.description)
        }
        guard let nonce, try await clients.accept(nonce: nonce, client: client) else { return refusal(.conflict, "nonce already used: replay refused") }
        let push: Push
        do { push = try JSONDecoder().decode(Push.self, from: body) } catch {
            return refusal(.badRequest, "body must be {\"transactions\":[…]} with string fields (amounts as strings of yuan)")
        }
        let report = try await importRows(push.transactions, client: client)
        let outcome = Outcome(outcome: report.outcome.rawValue, inserted: report.rowsInserted, unchanged: report.rowsUnchanged,
                              rejected: report.rowsRejected,
                              problems: report.problems.map { .init(entry: $0.line - 1, field: $0.field, reason: $0.reason) },
                              warnings: report.warnings.map(\.reason))
        return json(report.outcome == .rejected ? .unprocessableContent : .ok, outcome)
    }

    /// Writes the entries as a canonical CSV and imports it like a file.
    private func importRows(_ entries: [Push.Entry], client: String) async throws -> ImportReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bank-feed-\(client).csv")
        try StatementImport.write(entries.map { e in
            [e.account_number, e.transaction_id, e.booked_at, e.amount, e.balance ?? "", e.counterparty_account ?? "",
             e.counterparty_name ?? "", e.counterparty_bank ?? "", e.channel ?? "", e.summary ?? "", e.purpose ?? ""]
        }, to: file)
        return try await ImportPipeline(database: database, clock: clock)
            .run(BankTransactionsDataset(), file: file, by: .bank(client))
    }

    private func refusal(_ status: HTTPResponse.Status, _ reason: String) -> Response {
        json(status, ["error": reason])
    }

    private func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: (try? encoder.encode(value)) ?? Data())))
    }
}
