import Foundation
import VillageWatchCore
import ZIPFoundation

/// Reads the first worksheet of an .xlsx file into rows of cell texts (see `XLSXWorksheetParser` for
/// how cells become text), numbered as the spreadsheet numbers its rows. The first sheet is found
/// through `xl/workbook.xml` and its relationships, falling back to `xl/worksheets/sheet1.xml`;
/// shared strings come from `xl/sharedStrings.xml` and date styles from `xl/styles.xml`, both optional.
enum XLSXSheetReader {
    struct XMLFailure: Error, Sendable {
        var line: Int
        var message: String
        /// The sheet row the problem is in, when known.
        var row: Int?
    }

    /// Whether `data` starts like a ZIP archive (every .xlsx is one).
    static func looksLikeXLSX(_ data: Data) -> Bool {
        data.count >= 4 && data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    static func rows(_ data: Data, fileName: String) throws(StatementParseError) -> [CSVRecord] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw StatementParseError(file: fileName, reason: "not an XLSX file: cannot open it as a ZIP archive")
        }

        func part(_ path: String) throws(StatementParseError) -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            } catch {
                throw StatementParseError(file: fileName, field: path, reason: "cannot unpack: \(error)")
            }
            return bytes
        }

        func scan(_ path: String) throws(StatementParseError) -> [XLSXPartScanner.Element] {
            guard let bytes = try part(path) else { return [] }
            switch XLSXPartScanner.scan(bytes) {
            case .success(let elements): return elements
            case .failure(let failure): throw StatementParseError(file: fileName, field: path, reason: "malformed XML at line \(failure.line): \(failure.message)")
            }
        }

        // The first sheet and the date system.
        let workbook = try scan("xl/workbook.xml")
        let date1904 = workbook.contains { $0.name == "workbookPr" && ["1", "true"].contains($0.attribute("date1904") ?? "") }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let firstSheet = workbook.first(where: { $0.name == "sheet" }), let relation = firstSheet.attribute("id") {
            let relationships = try scan("xl/_rels/workbook.xml.rels")
            if let target = relationships.first(where: { $0.name == "Relationship" && $0.attributes["Id"] == relation })?.attributes["Target"] {
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var sheetData = try part(sheetPath)
        if sheetData == nil, sheetPath != "xl/worksheets/sheet1.xml" {
            sheetPath = "xl/worksheets/sheet1.xml"
            sheetData = try part(sheetPath)
        }
        guard let sheet = sheetData else {
            throw StatementParseError(file: fileName, reason: "not an XLSX file: it has no worksheet (\(sheetPath))")
        }

        var sharedStrings: [String] = []
        if let bytes = try part("xl/sharedStrings.xml") {
            switch XLSXSharedStringsParser.parse(bytes) {
            case .success(let strings): sharedStrings = strings
            case .failure(let failure):
                throw StatementParseError(file: fileName, field: "xl/sharedStrings.xml", reason: "malformed XML at line \(failure.line): \(failure.message)")
            }
        }
        var styles = dateStyles(try scan("xl/styles.xml"))
        styles.date1904 = date1904

        switch XLSXWorksheetParser.parse(sheet, sharedStrings: sharedStrings, styles: styles) {
        case .success(let rows): return rows
        case .failure(let failure):
            if let row = failure.row { throw StatementParseError(file: fileName, line: row, reason: failure.message) }
            throw StatementParseError(file: fileName, field: sheetPath, reason: "malformed XML at line \(failure.line): \(failure.message)")
        }
    }

    /// Which cell styles (indices into `cellXfs`) show numbers as dates, date-times or times.
    static func dateStyles(_ elements: [XLSXPartScanner.Element]) -> XLSXWorksheetParser.Styles {
        var customFormats: [Int: String] = [:]
        for element in elements where element.name == "numFmt" {
            if let id = element.attributes["numFmtId"].flatMap({ Int($0) }), let code = element.attributes["formatCode"] {
                customFormats[id] = code
            }
        }
        var styles = XLSXWorksheetParser.Styles()
        let formats = elements.filter { $0.name == "xf" && $0.parents.last == "cellXfs" }
        for (index, xf) in formats.enumerated() {
            guard let id = xf.attributes["numFmtId"].flatMap({ Int($0) }) else { continue }
            switch formatKind(id: id, code: customFormats[id]) {
            case .date: styles.dateStyles.insert(index)
            case .time: styles.timeStyles.insert(index)
            case .other: break
            }
        }
        return styles
    }

    enum FormatKind { case date, time, other }

    /// Built-in formats 14–17, 22, 27–36 and 50–58 (the East Asian date formats) are dates, 18–21 and
    /// 45–47 times; a custom format is a date if, outside quotes, brackets and escapes, it has `y` or `d`
    /// (or `m` without `h`/`s`), a time if it has only `h`/`s`/`m`.
    static func formatKind(id: Int, code: String?) -> FormatKind {
        switch id {
        case 14...17, 22, 27...36, 50...58: return .date
        case 18...21, 45...47: return .time
        default: break
        }
        guard let code else { return .other }
        var letters = Set<Character>()
        var inQuote = false, inBracket = false, escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket { if c == "]" { inBracket = false }; continue }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true
            default: letters.insert(c)
            }
        }
        if letters.contains("y") || letters.contains("d") { return .date }
        if letters.contains("h") || letters.contains("s") { return .time }
        if letters.contains("m") { return .date }
        return .other
    }

    /// Decodes the `_xHHHH_` escapes spreadsheet cell text uses for characters XML cannot carry
    /// (`_x000D_` is a carriage return, `_x005F_` a literal underscore).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The column letters of a 1-based column number: 1 → `A`, 27 → `AA`.
    static func columnLetters(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            letters.append(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}
