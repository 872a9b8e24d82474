import SQLKit
import VillageWatchCore

/// Reads of bank flows. Callers have passed the access check for the area.
public struct BankTransactionReader {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// An account's flow in booking order, for the continuity check.
    public func continuityEntries(account: String) async throws -> [BalanceContinuity.Entry] {
        try await db.select().columns("transaction_id", "booked_on", "amount_fen", "balance_fen").from("bank_transactions")
            .where("account_number", .equal, SQLBind(account)).orderBy("booked_at").orderBy("transaction_id").all().map { row in
                BalanceContinuity.Entry(transactionID: try row.decode(column: "transaction_id", as: String.self),
                                        bookedOn: try row.decode(column: "booked_on", as: String.self),
                                        amountFen: try row.decode(column: "amount_fen", as: Int64.self),
                                        balanceFen: try row.decode(column: "balance_fen", as: Int64?.self))
            }
    }
}
