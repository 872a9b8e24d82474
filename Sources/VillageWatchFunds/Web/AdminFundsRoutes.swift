import Foundation
import Hummingbird
import VillageWatchCore
import SQLKit
import VillageWatchWeb

/// The back office's list of collective accounts in an area: balances, activity, and — for a
/// village or group — any break in an account's running balance (missing bank flows).
public struct AdminFundsRoutes: Sendable {
    let services: WebServices
    let rules: ClassificationRules
    let overrides: CategoryOverrides

    public init(services: WebServices, rules: ClassificationRules) {
        self.services = services
        self.rules = rules
        overrides = CategoryOverrides(database: services.database, clock: services.clock)
    }

    struct CategoryForm: CSRFProtectedForm { let csrf: String; let category: String; let reason: String }

    public static var templates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/funds") { request, context in try await accounts(request, context) }
        router.get("/admin/funds/accounts/:number") { request, context in try await transactions(request, context, error: nil) }
        router.post("/admin/funds/accounts/:number/transactions/:id/category") { request, context in try await recategorise(request, context) }
    }

    private func accounts(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let scope = try context.principal().scope
        let code = request.uri.queryParameters.get("area").flatMap { AreaCode(String($0)) } ?? scope
        try context.require(.viewFunds, in: code)
        let (area, accounts, alerts) = try await services.database.read { db in
            guard let area = try await AreaStore(db).area(code) else { throw HTTPError(.notFound, message: "没有找到区划 \(code)") }
            let accounts = try await BankAccountReader(db).accounts(within: code)
            // The continuity check reads every flow of an account: only for a village's handful.
            var alerts: [String: [BalanceContinuity.Alert]] = [:]
            if code.level >= .village {
                for account in accounts {
                    alerts[account.accountNumber] = BalanceContinuity.check(account: account.accountNumber,
                                                                           try await BankTransactionReader(db).continuityEntries(account: account.accountNumber))
                }
            }
            return (area, accounts, alerts)
        }
        return services.pages.page("funds-accounts", title: "\(area.name) 集体资金账户", [
            "area": ["code": area.code.text, "name": area.name], "checked": code.level >= .village,
            "accounts": accounts.map { account -> [String: Any] in
                let gaps = alerts[account.accountNumber] ?? []
                return ["number": account.accountNumber, "name": account.accountName, "bank": account.bank, "area": account.areaCode,
                        "transactions": account.transactions, "last": account.lastBookedOn ?? "—", "balance": Fen(account.balanceFen).yuanText,
                        "gaps": gaps.map { ["month": $0.month, "transaction": $0.transactionID, "difference": Fen($0.differenceFen).yuanText] },
                        "hasGaps": !gaps.isEmpty]
            },
            "hasAccounts": !accounts.isEmpty,
            "total": Fen(accounts.reduce(0) { $0 + $1.balanceFen }).yuanText,
        ], context: context)
    }

    /// The account's area, after the access check for `permission` there.
    private func account(_ context: AppRequestContext, _ permission: Permission) async throws -> (number: String, area: AreaCode) {
        guard let number = context.parameters.get("number"),
              let areaText = try await services.database.read({
                  try await $0.select().column("area_code").from("bank_accounts").where("account_number", .equal, SQLBind(number))
                      .first(decodingColumn: "area_code", as: String.self)
              }), let area = AreaCode(areaText) else { throw HTTPError(.notFound, message: "没有找到该账户") }
        try context.require(permission, in: area)
        return (number, area)
    }

    private func transactions(_ request: Request, _ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (number, area) = try await account(context, .viewFunds)
        let month = request.uri.queryParameters.get("month").map { String($0) }.flatMap { $0.count == 7 ? $0 : nil }
        let (rows, resolver) = try await services.database.read { db in
            (try await BankTransactionReader(db).classified(account: number, month: month, rules: rules).reversed(),
             try await CounterpartyDirectory.resolver(for: area.village ?? area, db))
        }
        let canEdit = AccessPolicy.allows(try context.principal(), .editFunds, in: area)
        return services.pages.page("funds-transactions", title: "账户 \(number) 流水", [
            "account": number, "area": area.text, "month": month ?? "", "error": error ?? false, "canEdit": canEdit,
            "rows": rows.map { t -> [String: Any] in
                ["id": t.transactionID, "at": Timestamp.chinaStandardTime(utc: t.bookedAt), "amount": Fen(t.amountFen).yuanText,
                 "income": t.amountFen > 0, "balance": t.balanceFen.map { Fen($0).yuanText } ?? "", "counterparty": t.counterpartyName ?? "",
                 "counterpartyAccount": t.counterpartyAccount ?? "", "text": [t.summary, t.purpose].compactMap { $0 }.joined(separator: " "),
                 "who": Self.describe(resolver.resolve(t.counterpartyName)),
                 "flag": [.cadre, .relative].contains(resolver.resolve(t.counterpartyName).kind),
                 "category": t.category.chineseName, "overridden": t.overrideReason ?? false,
                 "choices": FundsCategory.allCases.filter { $0.isIncome == (t.amountFen > 0) }.map { ["value": $0.rawValue, "name": $0.chineseName] }]
            },
            "hasRows": !rows.isEmpty,
        ], context: context, status: status)
    }

    static func describe(_ match: CounterpartyResolver.Match) -> String {
        match.kind.chineseName + (match.detail.map { "（\($0)，按姓名匹配）" } ?? "")
    }

    private func recategorise(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (number, _) = try await account(context, .editFunds)
        let form = try await context.form(CategoryForm.self, from: request)
        guard let id = context.parameters.get("id"), let category = FundsCategory(rawValue: form.category) else { throw HTTPError(.badRequest) }
        do {
            try await overrides.set(account: number, transactionID: id, to: category, reason: form.reason, by: try context.principal())
        } catch let error as CategoryOverrideError {
            return try await transactions(request, context, error: error.description, status: .unprocessableContent).response(from: request, context: context)
        }
        return redirect(to: "/admin/funds/accounts/\(number)")
    }
}
