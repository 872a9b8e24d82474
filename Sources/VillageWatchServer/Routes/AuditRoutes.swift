import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// The audit chain, newest first, for the discipline commission and auditors of the county.
struct AuditRoutes {
    let services: WebServices

    func register(on router: Router<AppRequestContext>) {
        router.get("/admin/audit") { request, context in try await list(request, context) }
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let principal = try context.principal()
        guard let county = try await services.database.read({ try await AreaStore($0).county() }) else { throw HTTPError(.serviceUnavailable) }
        try AccessPolicy.check(principal, .viewAudit, in: county.code)
        let before = request.uri.queryParameters.get("before", as: Int64.self)
        let entries = try await services.database.read { try await AuditLog.recent($0, limit: 100, beforeSeq: before) }
        // Verifying reads the whole chain, so it runs when asked, not on every page view.
        var status: [String: Any] = [:]
        if request.uri.queryParameters.get("verify") == "1" {
            switch try await services.database.read({ try await AuditLog.verify($0) }) {
            case .intact(let n): status = ["text": "哈希链完整：共 \(n) 条记录均通过校验", "intact": true]
            case .broken(let seq, let reason): status = ["text": "哈希链损坏：第 \(seq) 条 — \(reason)", "intact": false]
            }
        }
        return services.pages.page("admin-audit", title: "审计日志", [
            "verification": status.isEmpty ? false : status,
            "entries": entries.map { ["seq": $0.seq, "at": Timestamp.chinaStandardTime(utc: $0.at), "actor": $0.actor, "action": $0.action,
                                      "target": $0.target, "before": $0.before ?? "", "after": $0.after ?? "", "hash": String($0.hash.prefix(12))] },
            "older": entries.count == 100 ? entries.last.map { $0.seq } as Any : false,
        ], context: context)
    }
}
