import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchPublications
import VillageWatchWeb

/// The back office of the monthly finance publication: the village clerk prepares a month's
/// statement from the bank flows (correcting lines with reasons), the publications workflow
/// takes it to the supervision committee's sign-off, and every supervisor in scope sees each
/// month's statement set against the bank.
public struct FinanceStatementRoutes: Sendable {
    let services: WebServices
    let rules: ClassificationRules
    let store: FinanceStatementStore

    public init(services: WebServices, rules: ClassificationRules, publications: PublicationStore) {
        self.services = services
        self.rules = rules
        store = FinanceStatementStore(publications: publications)
    }

    struct StatementForm: CSRFProtectedForm {
        let csrf: String
        let amount: [String: String]?
        let reason: [String: String]?
        let amendment: String?
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/funds/statements") { request, context in try await overview(request, context) }
        router.get("/admin/funds/statements/:village/:month") { _, context in try await form(context, error: nil) }
        router.post("/admin/funds/statements/:village/:month") { request, context in try await prepare(request, context) }
    }

    private func overview(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let code = try request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) } ?? context.principal().scope
        let principal = try context.require(.viewFunds, in: code)
        guard let village = code.village else {
            let month = request.uri.queryParameters.get("month").flatMap { PublicationPeriod(parsing: String($0)) }.flatMap { $0.length == .month ? $0 : nil }
            return try await areaChoice(code, until: month, context)
        }
        let (area, ledger, statements) = try await load(village)
        let byPeriod = Dictionary(statements.map { ($0.statement.period, $0) }, uniquingKeysWith: { first, _ in first })
        return services.pages.page("funds-statements", title: "\(area.name) 财务公开核对", [
            "area": ["code": area.code.text, "name": area.name], "canEdit": AccessPolicy.allows(principal, .editFunds, in: village),
            "months": ledger.months.suffix(24).reversed().map { month -> [String: Any] in
                let stored = byPeriod[month.period]
                let check = stored.map { FinanceReconciliation(statement: $0.statement, bank: month) }
                return ["period": month.period.description, "name": month.period.chineseName, "income": Fen(month.incomeFen).yuanText,
                        "spending": Fen(month.spendingFen).yuanText, "status": stored.map { "\($0.status.chineseName)（第 \($0.version) 版）" } ?? "未编制",
                        "publication": stored?.publicationID ?? false, "agrees": check?.agrees ?? false,
                        "differences": check.map { $0.differences.count } ?? 0, "checked": check != nil]
            },
        ], context: context)
    }

    /// Above village level: the towns or villages to choose from; for a town, each village's
    /// disagreeing and missing statements of the twelve months up to `asked` (default: the
    /// last finished month).
    private func areaChoice(_ code: AreaCode, until asked: PublicationPeriod?, _ context: AppRequestContext) async throws -> HTML {
        let today = services.clock.chinaToday
        let lastMonth = asked ?? PublicationPeriod.month(containing: today).previous
        let window = PublicationPeriod.months(from: (0..<11).reduce(lastMonth) { period, _ in period.previous }, to: lastMonth)
        let (area, children) = try await services.database.read { db in
            guard let area = try await AreaStore(db).area(code) else { throw HTTPError(.notFound, message: "没有找到区划 \(code)") }
            var children: [[String: Any]] = []
            for child in try await AreaStore(db).children(of: code) {
                var row: [String: Any] = ["code": child.code.text, "name": child.name, "checked": code.level == .town]
                if code.level == .town {
                    let reader = FinanceStatementReader(db)
                    let summary = FinanceCheckSummary(ledger: try await reader.ledger(of: child.code, rules: rules),
                                                      statements: try await reader.latest(village: child.code, publishedOnly: true).map(\.statement),
                                                      months: window)
                    row["disagreeing"] = summary.disagreeing.isEmpty ? false : summary.disagreeing.map(\.description).joined(separator: "、")
                    row["unpublished"] = summary.unpublished.isEmpty ? false : summary.unpublished.map(\.description).joined(separator: "、")
                }
                children.append(row)
            }
            return (area, children)
        }
        return services.pages.page("funds-statements", title: "\(area.name) 财务公开核对", [
            "area": ["code": area.code.text, "name": area.name], "choose": true, "isTown": code.level == .town,
            "window": "\(window.first?.description ?? "")—\(lastMonth)", "children": children,
        ], context: context)
    }

    private func load(_ village: AreaCode) async throws -> (Area, FundsLedger, [StoredFinanceStatement]) {
        try await services.database.read { db in
            guard let area = try await AreaStore(db).area(village) else { throw HTTPError(.notFound, message: "没有找到区划 \(village)") }
            let reader = FinanceStatementReader(db)
            return (area, try await reader.ledger(of: village, rules: rules), try await reader.latest(village: village, publishedOnly: false))
        }
    }

    private func target(_ context: AppRequestContext, _ permission: Permission) throws -> (village: AreaCode, period: PublicationPeriod, principal: Principal) {
        guard let village = context.parameters.get("village").flatMap(AreaCode.init), village.level == .village,
              let period = context.parameters.get("month").flatMap(PublicationPeriod.init(parsing:)), period.length == .month else {
            throw HTTPError(.notFound, message: "请指定村和月份（如 2026-10）")
        }
        return (village, period, try context.require(permission, in: village))
    }

    private func form(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (village, period, principal) = try target(context, .viewFunds)
        let (area, ledger, statements) = try await load(village)
        let generated = FinanceStatement.generated(period, from: ledger.month(period), openingFen: ledger.closing(before: period))
        let stored = statements.first { $0.statement.period == period }
        let shown = stored?.statement ?? generated
        let check = stored.map { FinanceReconciliation(statement: $0.statement, bank: ledger.month(period)) }
        return services.pages.page("funds-statement", title: "\(area.name) \(period.chineseName)财务收支", [
            "area": ["code": area.code.text, "name": area.name], "period": period.description, "periodName": period.chineseName,
            "canEdit": AccessPolicy.allows(principal, .editFunds, in: village), "error": error ?? false,
            "status": stored.map { "\($0.status.chineseName)（第 \($0.version) 版）" } ?? "未编制", "publication": stored?.publicationID ?? false,
            "published": stored?.status == .published,
            "opening": Fen(generated.openingFen).yuanText,
            "lines": zip(generated.lines, shown.lines).map { bank, line in
                ["category": line.category.rawValue, "name": line.category.chineseName, "income": line.category.isIncome,
                 "bank": Fen(bank.amountFen).yuanText, "stated": XLSXWorkbook.decimalText(fen: line.amountFen), "reason": line.reason ?? "",
                 "differs": line.amountFen != bank.amountFen]
            },
            "checked": check != nil, "agrees": check?.agrees ?? false,
            "differences": check?.differences.map { ["name": $0.category.chineseName, "difference": Fen($0.differenceFen).yuanText] } ?? [],
        ], context: context, status: status)
    }

    private func prepare(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (village, period, principal) = try target(context, .editFunds)
        let form = try await context.form(StatementForm.self, from: request)
        let (area, ledger, _) = try await load(village)
        let generated = FinanceStatement.generated(period, from: ledger.month(period), openingFen: ledger.closing(before: period))
        do {
            let statement = try generated.corrected(amounts: Self.byCategory(form.amount), reasons: Self.byCategory(form.reason))
            let id = try await store.prepare(statement, village: area, amendmentReason: form.amendment ?? "", by: principal)
            return redirect(to: "/admin/publications/\(id)")
        } catch let problem as FinanceStatementProblem {
            return try await self.form(context, error: problem.reason, status: .unprocessableContent).response(from: request, context: context)
        } catch let problem as PublicationProblem {
            return try await self.form(context, error: problem.reason, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    static func byCategory(_ fields: [String: String]?) -> [FundsCategory: String] {
        Dictionary((fields ?? [:]).compactMap { key, value in FundsCategory(rawValue: key).map { ($0, value) } }, uniquingKeysWith: { first, _ in first })
    }
}
