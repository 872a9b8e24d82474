import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// The back office's list of collective accounts in an area: balances, activity, and — for a
/// village or group — any break in an account's running balance (missing bank flows).
public struct AdminFundsRoutes: Sendable {
    let services: WebServices

    public init(services: WebServices) { self.services = services }

    public static var templates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/admin/funds") { request, context in try await accounts(request, context) }
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
}
