import SQLKit
import VillageWatchCore

/// A bank transaction with its category: the clerk's override when there is one, else the
/// county's rules.
public struct ClassifiedTransaction: Sendable {
    public let accountNumber: String
    public let transactionID: String
    public let bookedAt: String
    public let bookedOn: String
    public let amountFen: Int64
    public let balanceFen: Int64?
    public let counterpartyName: String?
    public let counterpartyAccount: String?
    public let summary: String?
    public let purpose: String?
    public let channel: String?
    public let category: FundsCategory
    /// Why the clerk changed the category, when they did.
    public let overrideReason: String?
}

extension BankTransactionReader {
    /// An account's transactions of one month (`YYYY-MM`), or all, oldest first, classified.
    public func classified(account: String, month: String?, rules: ClassificationRules) async throws -> [ClassifiedTransaction] {
        var condition: SQLQueryString = "t.account_number = \(bind: account)"
        if let month { condition += " AND t.booked_on >= \(bind: month + "-01") AND t.booked_on <= \(bind: month + "-31")" }
        return try await classified(where: condition, rules: rules)
    }

    /// Every transaction of the accounts in an area's subtree (booked on or after `from`), in
    /// booking order, classified.
    public func classified(within area: AreaCode, from: CalendarDate?, rules: ClassificationRules) async throws -> [ClassifiedTransaction] {
        var condition: SQLQueryString = "\(SQLSubtree("t.area_code", of: area))"
        if let from { condition += " AND t.booked_on >= \(bind: from.description)" }
        return try await classified(where: condition, rules: rules)
    }

    private func classified(where condition: SQLQueryString, rules: ClassificationRules) async throws -> [ClassifiedTransaction] {
        let query: SQLQueryString = """
            SELECT t.*, c.category AS override_category, c.reason AS override_reason FROM bank_transactions t
            LEFT JOIN bank_transaction_categories c ON c.account_number = t.account_number AND c.transaction_id = t.transaction_id
            WHERE \(condition) ORDER BY t.booked_at, t.transaction_id
            """
        return try await db.raw(query).all().map { row in
            let amount = try row.decode(column: "amount_fen", as: Int64.self)
            let summary = try row.decode(column: "summary", as: String?.self), purpose = try row.decode(column: "purpose", as: String?.self)
            let name = try row.decode(column: "counterparty_name", as: String?.self), channel = try row.decode(column: "channel", as: String?.self)
            let override = try row.decode(column: "override_category", as: String?.self).flatMap(FundsCategory.init(rawValue:))
            return ClassifiedTransaction(
                accountNumber: try row.decode(column: "account_number", as: String.self), transactionID: try row.decode(column: "transaction_id", as: String.self),
                bookedAt: try row.decode(column: "booked_at", as: String.self), bookedOn: try row.decode(column: "booked_on", as: String.self),
                amountFen: amount, balanceFen: try row.decode(column: "balance_fen", as: Int64?.self), counterpartyName: name,
                counterpartyAccount: try row.decode(column: "counterparty_account", as: String?.self), summary: summary, purpose: purpose,
                channel: channel,
                category: override ?? rules.classify(.init(amountFen: amount, summary: summary, purpose: purpose, counterpartyName: name, channel: channel)),
                overrideReason: try row.decode(column: "override_reason", as: String?.self))
        }
    }
}

extension ClassifiedTransaction {
    /// The entry the ledger sums.
    public var ledgerEntry: FundsLedger.Entry {
        FundsLedger.Entry(account: accountNumber, bookedOn: bookedOn, amountFen: amountFen, balanceFen: balanceFen, category: category)
    }
}

/// The clerk's corrections of categories, each audited.
public struct CategoryOverrides: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    public func set(account: String, transactionID: String, to category: FundsCategory, reason: String, by principal: Principal) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 200 else { throw CategoryOverrideError.reasonRequired }
        try await database.transaction { tx in
            guard let row = try await tx.sql.select().column("amount_fen").from("bank_transactions")
                .where("account_number", .equal, SQLBind(account)).where("transaction_id", .equal, SQLBind(transactionID)).first() else {
                throw CategoryOverrideError.unknownTransaction
            }
            guard try (row.decode(column: "amount_fen", as: Int64.self) > 0) == category.isIncome else { throw CategoryOverrideError.wrongSide(category) }
            let before = try await tx.sql.select().column("category").from("bank_transaction_categories")
                .where("account_number", .equal, SQLBind(account)).where("transaction_id", .equal, SQLBind(transactionID))
                .first(decodingColumn: "category", as: String.self)
            try await tx.sql.delete(from: "bank_transaction_categories").where("account_number", .equal, SQLBind(account))
                .where("transaction_id", .equal, SQLBind(transactionID)).run()
            try await tx.sql.insert(into: "bank_transaction_categories")
                .columns("account_number", "transaction_id", "category", "reason", "set_by", "set_at")
                .values(SQLBind(account), SQLBind(transactionID), SQLBind(category.rawValue), SQLBind(reason), SQLBind(principal.username),
                        SQLBind(Timestamp.utc(clock.now()))).run()
            try await AuditLog.append(tx, actor: principal.auditActor, action: "funds.category", target: "bank-transactions/\(account)/\(transactionID)",
                                      before: before.map { ["category": $0] }, after: ["category": category.rawValue, "reason": reason], clock: clock)
        }
    }
}

public enum CategoryOverrideError: Error, Equatable, CustomStringConvertible {
    case reasonRequired, unknownTransaction, wrongSide(FundsCategory)
    public var description: String {
        switch self {
        case .reasonRequired: "请填写更正理由（200 字以内）"
        case .unknownTransaction: "没有找到该笔流水"
        case .wrongSide(let category): "\(category.chineseName)\(category.isIncome ? "是收入类别，不能用于支出" : "是支出类别，不能用于收入")"
        }
    }
}
