/// Maps a file's header row onto a dataset's canonical columns: order does not matter, unknown
/// columns are ignored with a warning, a missing required column stops the import.
struct HeaderMap {
    let index: [String: Int]
    let width: Int

    init(columns: [ImportColumn], reader: CSVReader, report: inout ImportReport) throws {
        guard let header = try reader.next() else {
            throw ImportFileProblem(line: 1, field: nil, reason: "文件为空，缺少表头 (the file is empty: no header row)")
        }
        var index: [String: Int] = [:]
        for (i, raw) in header.fields.enumerated() {
            let name = raw.trimmingSpaces.lowercased()
            if columns.contains(where: { $0.name == name }) {
                guard index[name] == nil else {
                    throw ImportFileProblem(line: header.line, field: name, reason: "列名重复 (the column appears twice)")
                }
                index[name] = i
            } else if !name.isEmpty {
                report.warn(line: header.line, field: name, reason: "未知列，已忽略 (unknown column, ignored)")
            }
        }
        if let missing = columns.first(where: { $0.required && index[$0.name] == nil }) {
            throw ImportFileProblem(line: header.line, field: missing.name,
                                    reason: "缺少必需列 (missing required column '\(missing.name)')")
        }
        self.index = index
        self.width = header.fields.count
    }

    func name(of position: Int) -> String? {
        index.first { $0.value == position }?.key
    }

    func fields(of record: CSVRecord) -> ImportRecordFields {
        ImportRecordFields(line: record.line, fields: record.fields, index: index)
    }
}

import Foundation
