import Foundation
import VillageWatchCore

/// Imports a bank statement in any supported format through the one import pipeline: the
/// statement is parsed strictly (balances must add up), turned into canonical
/// bank-transactions rows, and loaded like the canonical CSV — same validation, idempotence,
/// all-or-nothing and import record. The canonical CSV itself goes straight to the pipeline.
///
/// For a converted statement, a row problem's line is its entry's position in the statement
/// plus one (the header), since the statement has no CSV lines.
public enum StatementImport {
    public static func run(file: URL, profile: String?, account: String?, options: ImportOptions, pipeline: ImportPipeline,
                           by actor: ImportActor) async throws -> ImportReport {
        let data = try Data(contentsOf: file)
        let rows: [[String]]
        do {
            let parsed = try StatementReader.parse(data, fileName: file.lastPathComponent, profile: profile,
                                                   catalog: try BankProfileCatalog.standard(), strict: true)
            if parsed.format == .profile("canonical") {
                return try await pipeline.run(BankTransactionsDataset(), file: file, options: options, by: actor)
            }
            rows = try Self.rows(parsed.statements, fileName: file.lastPathComponent, account: account)
        } catch let error as StatementParseError {
            guard !options.dryRun else { throw error }
            return try await pipeline.recordRejection(dataset: BankTransactionsDataset().name, file: file, line: error.line ?? 0,
                                                      field: error.field, reason: error.reason, by: actor)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-statement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let canonical = directory.appendingPathComponent(file.lastPathComponent)
        try write(rows, to: canonical)
        return try await pipeline.run(BankTransactionsDataset(), file: canonical, options: ImportOptions(dryRun: options.dryRun), by: actor)
    }

    /// Canonical rows. The bank's reference is the transaction id when it is unique in the
    /// statement; otherwise a deterministic id from the date, amount, reference and the
    /// entry's rank among identical ones, so that importing the same statement again matches.
    static func rows(_ statements: [ParsedStatement], fileName: String, account override: String?) throws(StatementParseError) -> [[String]] {
        var rows: [[String]] = []
        for statement in statements {
            let account = override ?? statement.account
            guard !account.isEmpty else {
                throw StatementParseError(file: fileName, reason: "the statement names no account: give it with --account NUMBER")
            }
            let references = Dictionary(grouping: statement.transactions.compactMap(\.reference), by: { $0 }).mapValues(\.count)
            var seen: [String: Int] = [:]
            for t in statement.transactions {
                let id: String
                if let reference = t.reference, references[reference] == 1 {
                    id = reference
                } else {
                    let base = "\(t.bookedOn)/\(t.amountMinor)/\(t.reference ?? "-")"
                    seen[base, default: 0] += 1
                    id = "\(base)/\(seen[base]!)"
                }
                rows.append([account, id, "\(t.bookedOn) 00:00:00", Fen(t.amountMinor).plainYuanText, "",
                             t.counterpartyAccount ?? "", t.counterpartyName ?? "", "", "", t.description, ""])
            }
        }
        return rows
    }

    /// Writes canonical bank-transactions rows (the feed and converted statements share it).
    public static func write(_ rows: [[String]], to url: URL) throws {
        let writer = try CSVWriter(url: url)
        try writer.write(BankTransactionsDataset().columns.map(\.name))
        for row in rows { try writer.write(row) }
        try writer.close()
    }
}
