import SQLKit
import VillageWatchCore
import VillageWatchPublications

/// Reads of finance statements and the bank ledger they are checked against. Callers have
/// passed the access check for the village.
public struct FinanceStatementReader {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// The latest statement of each month of a village — only published ones for the public,
    /// drafts and submitted ones too for the village and its supervisors. Newest month first.
    public func latest(village: AreaCode, publishedOnly: Bool) async throws -> [StoredFinanceStatement] {
        var query: SQLQueryString = """
            SELECT s.version_id, s.publication_id, s.period, s.opening_fen, v.version, v.status, v.published_at
            FROM finance_statements s JOIN publication_versions v ON v.id = s.version_id
            WHERE s.village_code = \(bind: village.text) AND \(SQLNotWithdrawn("publication_id", of: "s"))
            """
        if publishedOnly { query += " AND v.status = \(bind: VersionStatus.published.rawValue)" }
        query += " ORDER BY s.period DESC, v.version DESC"
        var seen = Set<String>(), heads: [(row: any SQLRow, period: PublicationPeriod)] = []
        for row in try await db.raw(query).all() {
            let text = try row.decode(column: "period", as: String.self)
            guard let period = PublicationPeriod(parsing: text), seen.insert(text).inserted else { continue }
            heads.append((row, period))
        }
        let lines = try await lines(of: heads.map { try $0.row.decode(column: "version_id", as: Int64.self) })
        return try heads.map { head in
            let versionID = try head.row.decode(column: "version_id", as: Int64.self)
            return StoredFinanceStatement(
                publicationID: try head.row.decode(column: "publication_id", as: Int64.self), versionID: versionID,
                version: try head.row.decode(column: "version", as: Int.self),
                status: VersionStatus(rawValue: try head.row.decode(column: "status", as: String.self)) ?? .draft,
                publishedAt: try head.row.decode(column: "published_at", as: String?.self),
                statement: FinanceStatement(period: head.period, openingFen: try head.row.decode(column: "opening_fen", as: Int64.self),
                                            lines: lines[versionID] ?? []))
        }
    }

    private func lines(of versions: [Int64]) async throws -> [Int64: [FinanceStatement.Line]] {
        guard !versions.isEmpty else { return [:] }
        var result: [Int64: [FinanceStatement.Line]] = [:]
        for start in stride(from: 0, to: versions.count, by: 500) {
            let chunk = Array(versions[start ..< min(start + 500, versions.count)])
            for row in try await db.raw("SELECT * FROM finance_statement_lines WHERE version_id IN (\(binds: chunk))").all() {
                guard let category = FundsCategory(rawValue: try row.decode(column: "category", as: String.self)) else { continue }
                result[try row.decode(column: "version_id", as: Int64.self), default: []].append(FinanceStatement.Line(
                    category: category, amountFen: try row.decode(column: "amount_fen", as: Int64.self),
                    generatedFen: try row.decode(column: "generated_fen", as: Int64.self), reason: try row.decode(column: "reason", as: String?.self)))
            }
        }
        return result
    }

    /// The bank side: every flow of the village's (or group's) accounts, classified and summed.
    public func ledger(of area: AreaCode, rules: ClassificationRules) async throws -> FundsLedger {
        FundsLedger(entries: try await BankTransactionReader(db).classified(within: area, from: nil, rules: rules).map(\.ledgerEntry))
    }
}
