import SQLKit
import VillageWatchCore

/// Collective accounts of an area with what the back office shows about each.
public struct BankAccountReader {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public struct Summary: Sendable {
        public let accountNumber: String
        public let accountName: String
        public let bank: String
        public let areaCode: String
        public let transactions: Int
        public let lastBookedOn: String?
        /// The bank's balance after the latest entry, or the sum of the flow when the bank gave none.
        public let balanceFen: Int64
    }

    public func accounts(within area: AreaCode) async throws -> [Summary] {
        try await db.raw("""
            SELECT a.account_number, a.account_name, a.bank, a.area_code,
                   COUNT(t.transaction_id) AS n, MAX(t.booked_on) AS last_on, COALESCE(SUM(t.amount_fen), 0) AS total,
                   (SELECT l.balance_fen FROM bank_transactions l WHERE l.account_number = a.account_number AND l.balance_fen IS NOT NULL
                    ORDER BY l.booked_at DESC, l.transaction_id DESC LIMIT 1) AS last_balance
            FROM bank_accounts a LEFT JOIN bank_transactions t ON t.account_number = a.account_number
            WHERE \(SQLSubtree("a.area_code", of: area))
            GROUP BY a.account_number, a.account_name, a.bank, a.area_code ORDER BY a.area_code, a.account_number
            """).all().map { row in
                Summary(accountNumber: try row.decode(column: "account_number", as: String.self),
                        accountName: try row.decode(column: "account_name", as: String.self), bank: try row.decode(column: "bank", as: String.self),
                        areaCode: try row.decode(column: "area_code", as: String.self), transactions: try row.decode(column: "n", as: Int.self),
                        lastBookedOn: try row.decode(column: "last_on", as: String?.self),
                        balanceFen: try row.decode(column: "last_balance", as: Int64?.self) ?? row.decode(column: "total", as: Int64.self))
            }
    }
}
