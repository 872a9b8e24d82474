import Foundation
import Hummingbird
import SQLKit
import VillageWatchCore
import VillageWatchFunds
import VillageWatchSupervision
import VillageWatchWeb

/// Uploading canonical CSVs from the back office and the record of every import run. An
/// upload goes through the same pipeline as the command line, with the user's scope applied
/// to every row.
struct ImportRoutes {
    let services: WebServices
    static let uploadLimit = 64 * 1024 * 1024

    func register(on router: Router<AppRequestContext>) {
        router.get("/admin/imports") { _, context in try await list(context) }
        router.get("/admin/imports/new") { _, context in try form(context) }
        router.post("/admin/imports") { request, context in try await upload(request, context) }
    }

    private func list(_ context: AppRequestContext) async throws -> HTML {
        let principal = try context.principal()
        try AccessPolicy.check(principal, .viewImports, in: principal.scope)
        let rows = try await services.database.read { db in
            try await db.select().column("*").from("imports").where(SQLSubtree("scope_code", of: principal.scope))
                .orderBy("id", .descending).limit(200).all()
        }
        let records: [[String: Any]] = try rows.map { row in
            let outcome = try row.decode(column: "outcome", as: String.self)
            return ["id": try row.decode(column: "id", as: Int64.self), "dataset": try row.decode(column: "dataset", as: String.self),
                    "file": try row.decode(column: "file_name", as: String.self), "sha": String(try row.decode(column: "file_sha256", as: String.self).prefix(16)),
                    "actor": try row.decode(column: "actor", as: String.self),
                    "at": Timestamp.chinaStandardTime(utc: try row.decode(column: "started_at", as: String.self)),
                    "outcome": outcome, "rejectedOutcome": outcome == "rejected",
                    "inserted": try row.decode(column: "rows_inserted", as: Int.self), "unchanged": try row.decode(column: "rows_unchanged", as: Int.self),
                    "rejected": try row.decode(column: "rows_rejected", as: Int.self)]
        }
        return services.pages.page("admin-imports", title: "导入记录", ["records": records, "hasRecords": !records.isEmpty], context: context)
    }

    /// The datasets this user may load (registry data, or a department's rolls and registries).
    private func importable(_ context: AppRequestContext) throws -> (Principal, [any ImportDataset]) {
        let principal = try context.principal()
        let datasets = Platform.datasets.filter { AccessPolicy.allows(principal, $0.permission, in: principal.scope) }
        guard !datasets.isEmpty else { throw AccessDenied(permission: .importRegistry, area: principal.scope) }
        return (principal, datasets)
    }

    private func form(_ context: AppRequestContext) throws -> HTML {
        let (principal, datasets) = try importable(context)
        return services.pages.page("admin-import-new", title: "导入数据", [
            "datasets": datasets.map { ["name": $0.name] },
            "scope": principal.scope.text,
        ], context: context)
    }

    private func upload(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let (principal, datasets) = try importable(context)
        let upload = try await MultipartForm.read(request, context: context, limit: Self.uploadLimit)
        guard let file = upload.files.first, !file.fileName.isEmpty else { throw HTTPError(.badRequest, message: "请选择要上传的文件") }
        let dataset = try Platform.dataset(named: upload.fields["dataset"] ?? "")
        guard datasets.contains(where: { $0.name == dataset.name }) else { throw AccessDenied(permission: dataset.permission, area: principal.scope) }
        // The pipeline streams from a file named like the upload, so its messages name the user's file.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-upload-\(UUID().uuidString)")
        let named = directory.appendingPathComponent(file.fileName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try file.data.write(to: named)
        let pipeline = ImportPipeline(database: services.database, clock: services.clock)
        let options = ImportOptions(encoding: upload.fields["encoding"].flatMap(TextEncoding.init(name:)), dryRun: upload.fields["dry_run"] == "1")
        let report: ImportReport
        if dataset.name == BankTransactionsDataset().name {
            // Any supported statement format, converted and checked by the same pipeline.
            let profile = upload.fields["profile"].flatMap { $0.isEmpty ? nil : $0 }
            do {
                report = try await StatementImport.run(file: named, profile: profile, account: nil, options: options, pipeline: pipeline,
                                                       by: .user(principal))
            } catch let error as StatementParseError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
        } else {
            report = try await pipeline.run(any: dataset, file: named, options: options, by: .user(principal))
        }
        // The import has committed whatever happens here; a failed re-screen (two imports
        // finishing at once) is reported, not turned into an error page.
        let screening: FindingStore.Outcome?, screeningFailed: Bool
        do {
            (screening, screeningFailed) = (try await Platform.rescreen(after: report, database: services.database, by: principal.auditActor, clock: services.clock), false)
        } catch {
            context.logger.error("re-screening after import \(report.importID ?? 0) failed: \(error)")
            (screening, screeningFailed) = (nil, true)
        }
        return services.pages.page("admin-import-report", title: "导入结果", [
            "screening": screening.map { ["new": $0.new, "unchanged": $0.unchanged, "resolved": $0.resolved] } ?? false, "screeningFailed": screeningFailed,
            "report": ["dataset": report.dataset, "file": report.fileName, "sha": report.sha256, "outcome": report.outcome.rawValue,
                       "read": report.rowsRead, "inserted": report.rowsInserted, "unchanged": report.rowsUnchanged, "rejected": report.rowsRejected],
            "accepted": report.outcome != .rejected,
            "problems": report.problems.map(\.description), "hasProblems": !report.problems.isEmpty,
            "warnings": report.warnings.prefix(100).map(\.description), "hasWarnings": !report.warnings.isEmpty,
        ], context: context, status: report.outcome == .rejected ? .unprocessableContent : .ok)
    }
}
