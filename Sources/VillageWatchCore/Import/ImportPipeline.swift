import Crypto
import Foundation
import SQLKit

/// Who runs an import: a back-office user (rows are checked against their scope) or the
/// command line (the operator of the installation, unrestricted).
public struct ImportActor: Sendable {
    public let audit: AuditActor
    public let principal: Principal?

    public static func user(_ principal: Principal) -> ImportActor { ImportActor(audit: principal.auditActor, principal: principal) }
    public static func commandLine(_ actor: AuditActor) -> ImportActor { ImportActor(audit: actor, principal: nil) }
    /// A registered bank pushing its flows; what it may push is limited to known accounts.
    public static func bank(_ name: String) -> ImportActor { ImportActor(audit: .bankClient(name), principal: nil) }
    /// The platform itself (division codes at start-up, the demo).
    public static let system = ImportActor(audit: .system, principal: nil)
}

public struct ImportOptions: Sendable {
    public var encoding: TextEncoding?
    public var dryRun: Bool
    public var batchSize: Int

    public init(encoding: TextEncoding? = nil, dryRun: Bool = false, batchSize: Int = 500) {
        self.encoding = encoding
        self.dryRun = dryRun
        self.batchSize = batchSize
    }
}

/// The one import pipeline every dataset goes through.
///
/// A run streams the file in batches inside one transaction. Each batch is validated row by
/// row, its keys are compared with what is stored (same content: unchanged; different content:
/// a conflict) and new rows are inserted. After the first problem nothing more is inserted, but
/// reading continues so the report lists every bad line; then the transaction is rolled back,
/// so a failed import leaves the data exactly as it was. Every run, failed or not, leaves an
/// import record and an audit entry.
public struct ImportPipeline: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    public func run<D: ImportDataset>(_ dataset: D, file: URL, options: ImportOptions = ImportOptions(),
                                      by actor: ImportActor) async throws -> ImportReport {
        let started = clock.now()
        var report = ImportReport(dataset: dataset.name, fileName: file.lastPathComponent, sha256: "", encoding: "")
        do {
            report.sha256 = try FileDigest.sha256(of: file)
            let reader = try CSVReader(url: file, encoding: options.encoding)
            report.encoding = reader.encoding.rawValue
            let header = try HeaderMap(columns: dataset.columns, reader: reader, report: &report)
            report = try await database.transaction { tx in
                let importID = try await insertRecord(report, actor: actor, started: started, in: tx)
                var run = ImportRun(dataset: dataset, tx: tx, actor: actor, importID: importID, report: report, batchSize: options.batchSize)
                try await run.load(reader: reader, header: header)
                if run.report.rowsRead == 0 { run.report.reject(line: 2, field: nil, reason: "文件没有数据行 (the file has a header but no rows)") }
                guard run.report.problems.isEmpty, !options.dryRun else { throw ImportRollback(report: run.report) }
                run.report.outcome = run.report.rowsInserted > 0 ? .committed : .unchanged
                run.report.importID = importID
                try await finishRecord(run.report, actor: actor, in: tx)
                return run.report
            }
        } catch let rollback as ImportRollback {
            report = rollback.report
        } catch let error as CSVError {
            report.reject(line: error.line, field: nil, reason: error.reason)
        } catch let problem as ImportFileProblem {
            report.reject(line: problem.line, field: problem.field, reason: problem.reason)
        } catch let error as DatabaseError {
            throw error
        } catch {
            // The database refused a write (a value it cannot store, a concurrent import): the
            // transaction rolled back; the run is still recorded, with the database's reason.
            report.reject(line: 0, field: nil, reason: "数据库拒绝写入 (the database refused the data): \(Database.describe(error))")
        }
        guard report.outcome != .committed, report.outcome != .unchanged else { return report }
        if options.dryRun {
            report.outcome = report.problems.isEmpty ? .dryRun : .rejected
            return report
        }
        report.outcome = .rejected
        let rejected = report
        report.importID = try await database.transaction { tx in
            let id = try await insertRecord(rejected, actor: actor, started: started, in: tx)
            try await finishRecord(rejected, actor: actor, in: tx, id: id)
            return id
        }
        return report
    }

    /// Records a run rejected before any row could be read (a bank statement that does not
    /// parse), so that every attempt leaves its import record and audit entry.
    public func recordRejection(dataset: String, file: URL, line: Int, field: String?, reason: String, by actor: ImportActor) async throws -> ImportReport {
        var report = ImportReport(dataset: dataset, fileName: file.lastPathComponent, sha256: (try? FileDigest.sha256(of: file)) ?? "", encoding: "")
        report.reject(line: line, field: field, reason: reason)
        report.outcome = .rejected
        let rejected = report
        let started = clock.now()
        report.importID = try await database.transaction { tx in
            let id = try await insertRecord(rejected, actor: actor, started: started, in: tx)
            try await finishRecord(rejected, actor: actor, in: tx, id: id)
            return id
        }
        return report
    }

    /// Inserts the import record; rows of a successful run point at it through `import_id`.
    private func insertRecord(_ report: ImportReport, actor: ImportActor, started: Date, in tx: DatabaseTransaction) async throws -> Int64 {
        var scope = actor.principal?.scope.text
        if scope == nil { scope = try await Self.countyCode(tx.sql) }
        let id = try await tx.sql.insert(into: "imports")
            .columns("dataset", "file_name", "file_sha256", "encoding", "actor", "scope_code", "started_at", "finished_at",
                     "outcome", "rows_read", "rows_inserted", "rows_unchanged", "rows_rejected", "problems")
            .values(SQLBind(report.dataset), SQLBind(report.fileName), SQLBind(report.sha256), SQLBind(report.encoding),
                    SQLBind(actor.audit.description), SQLBind(scope ?? ""), SQLBind(Timestamp.utc(started)), SQLBind(Timestamp.utc(started)),
                    SQLBind(report.outcome.rawValue), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind("[]"))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw ImportFileProblem(line: 0, field: nil, reason: "the import record could not be created") }
        return id
    }

    /// Writes the final counts and problems of the run and appends its audit entry.
    private func finishRecord(_ report: ImportReport, actor: ImportActor, in tx: DatabaseTransaction, id: Int64? = nil) async throws {
        let id = id ?? report.importID ?? 0
        try await tx.sql.update("imports")
            .set("finished_at", to: SQLBind(Timestamp.utc(clock.now()))).set("outcome", to: SQLBind(report.outcome.rawValue))
            .set("rows_read", to: SQLBind(report.rowsRead)).set("rows_inserted", to: SQLBind(report.rowsInserted))
            .set("rows_unchanged", to: SQLBind(report.rowsUnchanged)).set("rows_rejected", to: SQLBind(report.rowsRejected))
            .set("problems", to: SQLBind(try AuditLog.canonicalJSON(report.problems)))
            .where("id", .equal, SQLBind(id)).run()
        try await AuditLog.append(tx, actor: actor.audit, action: "import.\(report.outcome.rawValue)", target: "imports/\(id)",
                                  after: ImportAuditSummary(report), clock: clock)
    }

    static func countyCode(_ db: any SQLDatabase) async throws -> String? {
        try await db.select().column("code").from("areas").where("level", .equal, SQLBind(AreaLevel.county.rawValue))
            .limit(1).first(decodingColumn: "code", as: String.self)
    }
}

/// What the audit chain keeps of an import run (the rows themselves are identified by the
/// file's SHA-256 and the `import_id` on each row).
struct ImportAuditSummary: Encodable, Sendable {
    let dataset, file, sha256, outcome: String
    let inserted, unchanged, rejected: Int

    init(_ r: ImportReport) {
        dataset = r.dataset; file = r.fileName; sha256 = r.sha256; outcome = r.outcome.rawValue
        inserted = r.rowsInserted; unchanged = r.rowsUnchanged; rejected = r.rowsRejected
    }
}

struct ImportRollback: Error { let report: ImportReport }

/// A problem with the file as a whole (a missing column); reported at its line.
struct ImportFileProblem: Error {
    let line: Int
    let field: String?
    let reason: String
}

