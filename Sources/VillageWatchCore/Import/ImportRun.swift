import SQLKit

/// The state of one import run inside its transaction: the current batch, the keys met in this
/// file (in the database, see `ImportKeyRegistry`) and the report being built.
///
/// Memory stays at one batch (and a fixed-size filter) whatever the size of the file:
/// duplicates within the file are found through the registry's temporary table, stored rows
/// through one lookup per batch.
struct ImportRun<Dataset: ImportDataset> {
    let dataset: Dataset
    let tx: DatabaseTransaction
    let actor: ImportActor
    let importID: Int64
    var report: ImportReport
    let batchSize: Int

    private var batch: [ImportBatchEntry] = []
    /// Which keys certainly were not met before, so most batches skip the registry query.
    private var filter = ImportKeyFilter()
    /// When the table was empty at the start, only this file can hold a key: the per-batch
    /// lookup of stored rows is skipped (the bulk first load of a county).
    private var tableWasEmpty = false

    init(dataset: Dataset, tx: DatabaseTransaction, actor: ImportActor, importID: Int64, report: ImportReport, batchSize: Int) {
        self.dataset = dataset
        self.tx = tx
        self.actor = actor
        self.importID = importID
        self.report = report
        self.batchSize = batchSize
    }

    mutating func load(reader: CSVReader, header: HeaderMap) async throws {
        if tx.engine == .postgres {
            // Two imports of one dataset would otherwise race on the same keys; SQLite's
            // BEGIN IMMEDIATE already serialises them.
            try await tx.sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: dataset.table.name)))").run()
        }
        var lookup = try await dataset.prepare(tx.sql)
        tableWasEmpty = try await tx.sql.select().column(SQLLiteral.numeric("1")).from(dataset.table.name).limit(1).first() == nil
        let keys = try await ImportKeyRegistry.create(in: tx)
        while let record = try reader.next() {
            report.rowsRead += 1
            accept(record, header: header, lookup: &lookup)
            if batch.count >= batchSize { try await flush(keys) }
        }
        try await flush(keys)
        try await keys.drop()
        if report.problems.isEmpty, report.rowsInserted > 0 {
            for warning in try await dataset.review(tx, importID: importID) { report.warn(line: 0, field: nil, reason: warning) }
        }
    }

    private mutating func accept(_ record: CSVRecord, header: HeaderMap, lookup: inout Dataset.Lookup) {
        if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) {
            report.rowsRead -= 1  // a row of empty cells, as spreadsheets leave at the end
            return
        }
        if let field = record.fields.firstIndex(where: { $0.unicodeScalars.contains { $0.value < 32 && $0 != "\t" && $0 != "\n" && $0 != "\r" } }) {
            reject(record.line, field: header.name(of: field), reason: "包含控制字符 (contains a control character)")
            return
        }
        guard record.fields.count == header.width else {
            reject(record.line, field: nil,
                   reason: "列数为 \(record.fields.count)，表头为 \(header.width) (row has \(record.fields.count) fields, header has \(header.width); file truncated or badly quoted?)")
            return
        }
        let row: ImportRow
        do {
            row = try dataset.row(from: header.fields(of: record), lookup: &lookup)
        } catch {
            reject(record.line, field: error.field, reason: error.reason)
            return
        }
        if let principal = actor.principal {
            guard AccessPolicy.allows(principal, dataset.permission, in: row.area) else {
                reject(record.line, field: nil, reason: "\(row.area) 不在您的管辖范围内 (outside your area \(principal.scope))")
                return
            }
            if let refusal = dataset.refusal(of: row, by: principal) {
                reject(record.line, field: nil, reason: refusal)
                return
            }
        }
        let key = Array(row.values.prefix(dataset.table.keyCount))
        batch.append(.row(line: record.line, key: key, keyText: key.map(\.description).joined(separator: "\u{1F}"), row: row))
    }

    private mutating func reject(_ line: Int, field: String?, reason: String) {
        batch.append(.problem(line: line, field: field, reason: reason))
    }

    /// Reports the batch's problems in line order, a key met earlier in the file among them,
    /// registers the keys met for the first time and returns the rows left to store.
    private mutating func firstOccurrences(_ keys: ImportKeyRegistry) async throws -> [(line: Int, key: [StoredValue], row: ImportRow)] {
        let earlier = try await keys.firstLines(of: batch.compactMap(\.keyText).filter(filter.mightContain))
        var firstInBatch: [String: Int] = [:]
        var rows: [(line: Int, key: [StoredValue], row: ImportRow)] = []
        for entry in batch {
            switch entry {
            case .problem(let line, let field, let reason):
                report.reject(line: line, field: field, reason: reason)
            case .row(let line, let key, let keyText, let row):
                if let first = earlier[keyText] ?? firstInBatch[keyText] {
                    report.reject(line: line, field: dataset.table.columns[0].name,
                                  reason: "重复的键 \(key.map(\.description).joined(separator: " / "))，首次出现在第 \(first) 行 (duplicate key, first on line \(first))")
                    continue
                }
                firstInBatch[keyText] = line
                filter.insert(keyText)
                if let warning = row.warning { report.warn(line: line, field: nil, reason: warning) }
                rows.append((line, key, row))
            }
        }
        try await keys.register(firstInBatch)
        return rows
    }

    /// Compares the batch with stored rows, then inserts what is new (unless problems were found).
    private mutating func flush(_ keys: ImportKeyRegistry) async throws {
        defer { batch.removeAll(keepingCapacity: true) }
        guard !batch.isEmpty else { return }
        let rows = try await firstOccurrences(keys)
        guard !rows.isEmpty else { return }
        let stored = tableWasEmpty ? [:] : try await storedRows(for: rows.map(\.key))
        var fresh: [ImportRow] = []
        for item in rows {
            guard let existing = stored[item.key] else { fresh.append(item.row); continue }
            if existing == item.row.values {
                report.rowsUnchanged += 1
            } else if let principal = actor.principal, !storedRowIsVisible(existing, to: principal) {
                report.reject(line: item.line, field: dataset.table.columns[0].name,
                              reason: "该记录已登记在您管辖范围以外 (already registered outside your area)")
            } else {
                report.reject(line: item.line, field: nil, reason: conflictReason(stored: existing, file: item.row.values))
            }
        }
        guard report.problems.isEmpty, !fresh.isEmpty else { return }
        try await tx.sql.raw(ImportJSONRows(engine: tx.engine).insert(into: dataset.table.name, columns: dataset.table.columns,
                                                                      rows: fresh.map(\.values), extra: [("import_id", importID)])).run()
        report.rowsInserted += fresh.count
    }

    private func storedRows(for keys: [[StoredValue]]) async throws -> [[StoredValue]: [StoredValue]] {
        let table = dataset.table
        let rows = try await tx.sql.select().columns(table.columns.map { SQLColumn($0.name) }).from(table.name)
            .where(ImportJSONRows(engine: tx.engine).membership(of: Array(table.keyColumns), in: keys)).all()
        var result: [[StoredValue]: [StoredValue]] = [:]
        for row in rows {
            let values = try table.columns.map { try $0.decode(from: row) }
            result[Array(values.prefix(table.keyCount))] = values
        }
        return result
    }

    private func storedRowIsVisible(_ values: [StoredValue], to principal: Principal) -> Bool {
        guard let index = dataset.table.columns.firstIndex(where: { $0.name == dataset.table.areaColumn }),
              case .text(let text) = values[index], let area = AreaCode(text) else { return false }
        return AccessPolicy.allows(principal, dataset.permission, in: area)
    }

    private func conflictReason(stored: [StoredValue], file: [StoredValue]) -> String {
        let differences = zip(dataset.table.columns, zip(stored, file)).filter { $1.0 != $1.1 }
            .map { "\($0.name): 已存 \($1.0)，文件 \($1.1)" }
        return "与已导入数据冲突 (conflicts with stored row) — " + differences.joined(separator: "; ")
    }
}
