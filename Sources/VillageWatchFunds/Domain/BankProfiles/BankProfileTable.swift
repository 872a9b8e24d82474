import Foundation
import VillageWatchCore

/// The rows of a bank export, from CSV (through the project's `CSVReader`, so GB18030 and encoding
/// detection behave as for every other import) or from the first sheet of an XLSX file. Each row
/// keeps its line (CSV) or row number (XLSX) for error messages.
struct BankProfileTable {
    let fileName: String
    let rows: [CSVRecord]
    let isXLSX: Bool
    /// The encoding a CSV file was read with.
    let encoding: TextEncoding?

    /// Reads everything (or the first `limit` rows). With `lenient`, a reading error ends the table
    /// quietly instead of throwing (detection looks at what could be read).
    static func load(_ data: Data, fileName: String, encoding: TextEncoding?, limit: Int? = nil,
                     lenient: Bool = false) throws(StatementParseError) -> BankProfileTable {
        if XLSXSheetReader.looksLikeXLSX(data) {
            do {
                var rows = try XLSXSheetReader.rows(data, fileName: fileName)
                if let limit, rows.count > limit { rows = Array(rows.prefix(limit)) }
                return BankProfileTable(fileName: fileName, rows: rows, isXLSX: true, encoding: nil)
            } catch {
                if lenient { return BankProfileTable(fileName: fileName, rows: [], isXLSX: true, encoding: nil) }
                throw error
            }
        }
        var rows: [CSVRecord] = []
        var resolved: TextEncoding?
        do {
            let reader = try CSVReader(data: data, fileName: fileName, encoding: encoding)
            resolved = reader.encoding
            while limit.map({ rows.count < $0 }) ?? true, let record = try reader.next() {
                rows.append(record)
            }
        } catch let error as CSVError {
            if !lenient {
                var reason = error.reason
                if let encoding { reason += " (the profile says the file is \(encoding.rawValue))" }
                throw StatementParseError(file: fileName, line: error.line > 0 ? error.line : nil, reason: reason)
            }
        } catch {
            if !lenient { throw StatementParseError(file: fileName, reason: "\(error)") }
        }
        return BankProfileTable(fileName: fileName, rows: rows, isXLSX: false, encoding: resolved)
    }

    /// The index of the first row that has every marker among its cells (names compared without
    /// whitespace), or nil.
    func headerIndex(markers: [String]) -> Int? {
        let wanted = Set(markers.map(BankProfile.normalizedName))
        return rows.firstIndex { row in wanted.isSubset(of: Set(row.fields.map(BankProfile.normalizedName))) }
    }
}
