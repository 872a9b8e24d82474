import Foundation
import SQLKit
import VillageWatchCore

/// `bank-transactions.csv`: the flows of collective accounts, keyed by account and the bank's
/// serial. A transaction belongs to its account's area, which is what access scopes check.
public struct BankTransactionsDataset: ImportDataset {
    public init() {}

    public let name = "bank-transactions"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [
        .required("account_number"), .required("transaction_id"), .required("booked_at"), .required("amount"), .optional("balance"),
        .optional("counterparty_account"), .optional("counterparty_name"), .optional("counterparty_bank"), .optional("channel"),
        .optional("summary"), .optional("purpose"),
    ]
    public let table = ImportTable(name: "bank_transactions", columns: [
        .text("account_number"), .text("transaction_id"), .text("booked_at"), .text("booked_on"), .integer("amount_fen"), .integer("balance_fen"),
        .text("counterparty_account"), .text("counterparty_name"), .text("counterparty_bank"), .text("channel"), .text("summary"),
        .text("purpose"), .text("area_code"),
    ], keyCount: 2, areaColumn: "area_code")

    /// Each known account's area.
    public func prepare(_ db: any SQLDatabase) async throws -> [String: String] {
        var areas: [String: String] = [:]
        for row in try await db.select().columns("account_number", "area_code").from("bank_accounts").all() {
            areas[try row.decode(column: "account_number", as: String.self)] = try row.decode(column: "area_code", as: String.self)
        }
        return areas
    }

    public func row(from record: ImportRecordFields, lookup accounts: inout [String: String]) throws(ImportRowProblem) -> ImportRow {
        let account = try record.required("account_number").filter { !$0.isWhitespace }
        guard let areaText = accounts[account], let area = AreaCode(areaText) else {
            throw ImportRowProblem(field: "account_number", reason: "未登记的账户，请先导入 bank-accounts (unknown account) \(account)")
        }
        let bookedText = try record.required("booked_at")
        guard let booked = ChinaDateTime.epochSeconds(bookedText) else {
            throw ImportRowProblem(field: "booked_at", reason: "时间格式应为 YYYY-MM-DD HH:MM:SS (not a date-time) '\(bookedText)'")
        }
        let amountText = try record.required("amount")
        guard let amount = Fen(yuan: amountText), amount.value != 0 else {
            throw ImportRowProblem(field: "amount", reason: "金额应为非零的元金额，最多两位小数 (not an amount) '\(amountText)'")
        }
        let balanceText = record["balance"]
        let balance = balanceText.isEmpty ? nil : Fen(yuan: balanceText)
        if !balanceText.isEmpty, balance == nil {
            throw ImportRowProblem(field: "balance", reason: "余额格式不正确 (not an amount) '\(balanceText)'")
        }
        return ImportRow(values: [
            .text(account), .text(try record.required("transaction_id")), .text(Timestamp.utc(epochSeconds: booked)),
            .text(Timestamp.chinaStandardDate(epochSeconds: booked)), .integer(amount.value), balance.map { .integer($0.value) } ?? .null,
            .optionalText(record["counterparty_account"]), .optionalText(record["counterparty_name"]), .optionalText(record["counterparty_bank"]),
            .optionalText(record["channel"]), .optionalText(record["summary"]), .optionalText(record["purpose"]), .text(area.text),
        ], area: area)
    }
}

extension BankTransactionsDataset {
    /// Running-balance continuity of every account this run touched.
    public func review(_ tx: DatabaseTransaction, importID: Int64) async throws -> [String] {
        let accounts = try await tx.sql.select().distinct().column("account_number").from("bank_transactions")
            .where("import_id", .equal, SQLBind(importID)).all(decodingColumn: "account_number", as: String.self)
        var warnings: [String] = []
        for account in accounts {
            let entries = try await BankTransactionReader(tx.sql).continuityEntries(account: account)
            for alert in BalanceContinuity.check(account: account, entries) {
                warnings.append("账户 \(account) \(alert.month)：交易 \(alert.transactionID) 后余额应为 \(Fen(alert.expectedFen))，实为 \(Fen(alert.foundFen))，"
                                + "相差 \(Fen(alert.differenceFen))，可能缺少流水 (balance gap: missing transactions?)")
            }
        }
        return warnings
    }
}
