import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchPublications
import VillageWatchWeb

/// The public funds page of a village or group (`/areas/{code}/funds`) and its download: where
/// each yuan came from and went, with individuals masked and organisations in full. Public:
/// everything here is what the village must publish anyway.
public struct PublicFundsRoutes: Sendable {
    let services: WebServices
    let rules: ClassificationRules

    public init(services: WebServices, rules: ClassificationRules) {
        self.services = services
        self.rules = rules
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/areas/:code/funds") { request, context in
            let view = try await view(request, context)
            return services.pages.page("funds-public", title: "\(view.area.name) 集体资金", view.values, context: context)
        }
        router.get("/areas/:code/funds/download") { request, context in
            let format = request.uri.queryParameters.get("format").flatMap { TableDownload.Format(rawValue: String($0)) } ?? .xlsx
            return try await view(request, context).download.response(format)
        }
    }

    private func view(_ request: Request, _ context: AppRequestContext) async throws -> PublicFundsView {
        guard let code = context.parameters.get("code").flatMap(AreaCode.init), code.level >= .village, let village = code.village else {
            throw HTTPError(.notFound, message: "集体资金按村或村民小组公开，请选择一个村或村民小组")
        }
        let query = request.uri.queryParameters
        let asked = query.get("month").flatMap { PublicationPeriod(parsing: String($0)) }.flatMap { $0.length == .month ? $0 : nil }
        let category = query.get("category").flatMap { FundsCategory(rawValue: String($0)) }
        return try await services.database.read { db in
            guard let area = try await AreaStore(db).area(code) else { throw HTTPError(.notFound, message: "没有找到区划代码 \(code) 对应的地区") }
            let transactions = try await BankTransactionReader(db).classified(within: code, from: nil, rules: rules)
            let ledger = FundsLedger(entries: transactions.map(\.ledgerEntry))
            let month = asked ?? ledger.months.last?.period
            let statement = code.level == .village
                ? try await FinanceStatementReader(db).latest(village: village, publishedOnly: true).first { $0.statement.period == month } : nil
            return PublicFundsView(area: area, transactions: transactions, ledger: ledger, resolver: try await CounterpartyDirectory.resolver(for: village, db),
                                   month: month, category: category, statement: statement)
        }
    }
}
