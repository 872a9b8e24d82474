import SQLKit
import VillageWatchCore
import VillageWatchPublications

/// Saves the clerk's monthly statement as the month's finance publication: the first time as a
/// new draft, while unpublished by revising that draft, after publication as an amendment with
/// its reason. The statement's lines are stored with the version in the same transaction, so
/// the published text and the figures the platform reconciles can never drift apart. Sign-off
/// and publication are the publications module's workflow, unchanged.
public struct FinanceStatementStore: Sendable {
    public let publications: PublicationStore

    public init(publications: PublicationStore) { self.publications = publications }

    /// Returns the publication's id.
    @discardableResult
    public func prepare(_ statement: FinanceStatement, village: Area, amendmentReason: String, by principal: Principal) async throws -> Int64 {
        try await publications.database.transaction { tx in
            let body = statement.bodyHTML(villageName: village.name)
            let (publicationID, versionID) = try await saveVersion(statement, body: body, village: village, reason: amendmentReason, by: principal, tx)
            try await record(statement, publication: publicationID, version: versionID, village: village.code, preparedBy: principal.username, in: tx)
            try await AuditLog.append(tx, actor: principal.auditActor, action: "funds.finance-statement", target: "publications/\(publicationID)",
                                      after: ["period": statement.period.description, "income_fen": String(statement.incomeFen),
                                              "spending_fen": String(statement.spendingFen),
                                              "corrected": statement.lines.filter { $0.reason != nil }.map(\.category.rawValue).joined(separator: ",")],
                                      clock: publications.clock)
            return publicationID
        }
    }

    /// Stores a statement as the content of a publication version (replacing what a revised
    /// draft held). The demo uses it for the statements villages published before the platform.
    public func record(_ statement: FinanceStatement, publication: Int64, version: Int64, village: AreaCode, preparedBy: String,
                       in tx: DatabaseTransaction) async throws {
        try await tx.sql.delete(from: "finance_statement_lines").where("version_id", .equal, SQLBind(version)).run()
        try await tx.sql.delete(from: "finance_statements").where("version_id", .equal, SQLBind(version)).run()
        try await tx.sql.insert(into: "finance_statements")
            .columns("version_id", "publication_id", "village_code", "period", "opening_fen", "prepared_by", "prepared_at")
            .values(SQLBind(version), SQLBind(publication), SQLBind(village.text), SQLBind(statement.period.description),
                    SQLBind(statement.openingFen), SQLBind(preparedBy), SQLBind(Timestamp.utc(publications.clock.now()))).run()
        // Empty lines are implied: a statement reads back with every category.
        let lines = statement.lines.filter { $0.amountFen != 0 || $0.generatedFen != 0 || $0.reason != nil }
        guard !lines.isEmpty else { return }
        var insert = tx.sql.insert(into: "finance_statement_lines").columns("version_id", "category", "amount_fen", "generated_fen", "reason")
        for line in lines {
            insert = insert.values(SQLBind(version), SQLBind(line.category.rawValue), SQLBind(line.amountFen), SQLBind(line.generatedFen), SQLBind(line.reason))
        }
        try await insert.run()
    }

    private func saveVersion(_ statement: FinanceStatement, body: String, village: Area, reason: String, by principal: Principal,
                             _ tx: DatabaseTransaction) async throws -> (publication: Int64, version: Int64) {
        // A withdrawn publication stays withdrawn: a new statement starts a new publication.
        guard let existing = try await tx.sql.raw("""
            SELECT p.id FROM publications p WHERE p.village_code = \(bind: village.code.text) AND p.kind = \(bind: PublicationKind.finance.rawValue)
            AND p.category = \(bind: PublicationCategory.regular.rawValue) AND p.period = \(bind: statement.period.description)
            AND \(SQLNotWithdrawn("id", of: "p")) ORDER BY p.id
            """).first(decodingColumn: "id", as: Int64.self) else {
            let draft = PublicationDraft(kind: .finance, category: .regular, title: statement.title, body: body, period: statement.period.description)
            return try await publications.createDraft(draft, village: village.code, by: principal, in: tx)
        }
        let versions = try await PublicationReader(tx.sql).versions(of: existing)
        if let open = versions.first(where: { [.draft, .returned].contains($0.status) }) {
            try await publications.revise(version: open.id, title: statement.title, body: body, by: principal, in: tx)
            return (existing, open.id)
        }
        guard !versions.contains(where: { $0.status == .submitted }) else {
            throw PublicationProblem("本月财务公开已提交监委会审核，请待审核完成或退回后再修改")
        }
        return (existing, try await publications.amend(existing, title: statement.title, body: body, reason: reason, withdrawal: false,
                                                        attachments: [], by: principal, in: tx))
    }
}
