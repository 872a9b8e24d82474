import Foundation
import ZIPFoundation

/// A minimal Office Open XML spreadsheet (.xlsx) writer: one bold, frozen header row per sheet,
/// text as inline strings, whole numbers, and money (integer fen shown as yuan with the `0.00` format).
///
/// The file holds only the parts every reader needs — `[Content_Types].xml`, `_rels/.rels`,
/// `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/styles.xml` and `xl/worksheets/sheetN.xml` —
/// and opens in Excel, WPS and LibreOffice. Money never passes through a floating-point value: the cell
/// value is the exact decimal text made from the integer fen (12345 → `123.45`, −5 → `-0.05`).
/// The output is deterministic: the same workbook always gives the same bytes.
public struct XLSXWorkbook: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case integer(Int64)
        /// Money in fen, shown as yuan with two decimals (number format `0.00`).
        case decimal(fen: Int64)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]

        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    /// Why a workbook could not be written.
    public enum Failure: Error, Equatable, Sendable {
        /// A workbook needs at least one sheet.
        case noSheets
        /// More rows (header included) than a spreadsheet holds (1,048,576).
        case tooManyRows(sheet: String, count: Int)
        /// More columns than a spreadsheet holds (16,384, column XFD).
        case tooManyColumns(sheet: String, count: Int)
        /// The zip library returned no data.
        case archiveFailed
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// The .xlsx file bytes.
    public func data() throws -> Data {
        guard !sheets.isEmpty else { throw Failure.noSheets }
        let names = Self.sheetNames(sheets.map(\.name))
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", Self.contentTypesXML(sheetCount: sheets.count)),
            ("_rels/.rels", Self.rootRelsXML),
            ("xl/workbook.xml", Self.workbookXML(sheetNames: names)),
            ("xl/_rels/workbook.xml.rels", Self.workbookRelsXML(sheetCount: sheets.count)),
            ("xl/styles.xml", Self.stylesXML),
        ]
        for (index, sheet) in sheets.enumerated() {
            let xml = try Self.worksheetXML(sheet, name: names[index], selected: index == 0)
            parts.append(("xl/worksheets/sheet\(index + 1).xml", xml))
        }

        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let bytes = Data(part.xml.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: Self.entryDate, compressionMethod: .deflate
            ) { position, size in
                let start = Int(position)
                return bytes.subdata(in: start..<min(start + size, bytes.count))
            }
        }
        guard let data = archive.data else { throw Failure.archiveFailed }
        return data
    }

    // MARK: - Limits and fixed values

    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxSheetNameLength = 31
    /// Excel's limit for the text of one cell, in UTF-16 code units.
    static let maxCellTextLength = 32_767
    /// Zip entries carry a fixed time so the same workbook always gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800) // 2000-01-01T00:00:00Z

    /// Style indices into `cellXfs` of `styles.xml`.
    enum Style {
        static let header = 1
        static let money = 2
    }

    // MARK: - Cell values

    /// The exact yuan text of an amount in fen: 12345 → `123.45`, −5 → `-0.05`, 0 → `0.00`.
    public static func decimalText(fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(magnitude / 100) + (cents < 10 ? ".0" : ".") + String(cents)
    }

    /// The column letters of a 1-based column number: 1 → `A`, 26 → `Z`, 27 → `AA`, 16384 → `XFD`.
    static func columnLetters(_ column: Int) -> String {
        precondition(column >= 1, "columns are numbered from 1")
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Cell text as a spreadsheet reads it back: Excel and LibreOffice decode `_xHHHH_` in cell text
    /// as the character U+HHHH, so a literal `_` that starts such a pattern is written as `_x005F_`.
    static func spreadsheetEscaped(_ text: String) -> String {
        guard text.contains("_x") || text.contains("_X") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "_", i + 6 < scalars.count, scalars[i + 1] == "x" || scalars[i + 1] == "X",
               scalars[(i + 2)...(i + 5)].allSatisfy(\.properties.isASCIIHexDigit), scalars[i + 6] == "_" {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    /// At most `limit` UTF-16 code units, cut between whole characters.
    static func truncated(_ text: String, toUTF16 limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var count = 0
        var out = ""
        for character in text {
            let width = character.utf16.count
            if count + width > limit { break }
            count += width
            out.append(character)
        }
        return out
    }

    // MARK: - Sheet names

    /// Names Excel accepts: no `[ ] : * ? / \` (each becomes `_`), no control or non-XML characters,
    /// no apostrophe at either end, not blank, not the reserved `History`, at most 31 characters,
    /// and unique without regard to case (later duplicates get ` (2)`, ` (3)`, …).
    static func sheetNames(_ requested: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (index, raw) in requested.enumerated() {
            var name = String(String.UnicodeScalarView(raw.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
                if "[]:*?/\\".unicodeScalars.contains(scalar) { return "_" }
                if scalar.properties.generalCategory == .control || !XMLText.isXMLChar(scalar) { return nil }
                return scalar
            }))
            let edges = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "'"))
            name = truncated(name.trimmingCharacters(in: edges), toUTF16: maxSheetNameLength)
                .trimmingCharacters(in: edges)
            if name.isEmpty || name.lowercased() == "history" {
                name = name.isEmpty ? "Sheet\(index + 1)" : "Sheet\(index + 1) \(name)"
                name = truncated(name, toUTF16: maxSheetNameLength)
            }
            var candidate = name
            var suffix = 2
            while used.contains(candidate.lowercased()) {
                let tail = " (\(suffix))"
                var base = truncated(name, toUTF16: maxSheetNameLength - tail.utf16.count)
                while base.hasSuffix("'") { base.removeLast() }
                candidate = base + tail
                suffix += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    // MARK: - Parts

    static let xmlDeclaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypesXML(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for n in 1...sheetCount {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(n).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        xml += "</Types>"
        return xml
    }

    static let rootRelsXML = xmlDeclaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbookXML(sheetNames: [String]) -> String {
        var xml = xmlDeclaration
        xml += #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in sheetNames.enumerated() {
            xml += #"<sheet name="\#(XMLText.escaped(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets></workbook>"
        return xml
    }

    static func workbookRelsXML(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for n in 1...sheetCount {
            xml += #"<Relationship Id="rId\#(n)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(n).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        xml += "</Relationships>"
        return xml
    }

    /// Cell formats: 0 the default, 1 bold (header), 2 money with the custom format 164 `0.00`.
    /// The two fills `none` and `gray125` are the pair every reader expects first.
    static let stylesXML = xmlDeclaration
        + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>"#
        + #"<fonts count="2">"#
        + #"<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + "</fonts>"
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheetXML(_ sheet: Sheet, name: String, selected: Bool) throws -> String {
        let hasHeader = !sheet.header.isEmpty
        let rowCount = sheet.rows.count + (hasHeader ? 1 : 0)
        guard rowCount <= maxRows else { throw Failure.tooManyRows(sheet: name, count: rowCount) }
        let columnCount = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        guard columnCount <= maxColumns else { throw Failure.tooManyColumns(sheet: name, count: columnCount) }
        let letters = (0..<columnCount).map { columnLetters($0 + 1) }

        var xml = xmlDeclaration
        xml += #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
        let lastCell = rowCount > 0 && columnCount > 0 ? ":\(letters[columnCount - 1])\(rowCount)" : ""
        xml += #"<dimension ref="A1\#(lastCell)"/>"#
        xml += #"<sheetViews><sheetView \#(selected ? #"tabSelected="1" "# : "")workbookViewId="0">"#
        if hasHeader {
            xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        xml += "</sheetView></sheetViews>"
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if columnCount > 0 {
            xml += "<cols>"
            for (index, width) in columnWidths(sheet, columnCount: columnCount).enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        var rowNumber = 0
        if hasHeader {
            rowNumber += 1
            xml += #"<row r="1">"#
            for (index, title) in sheet.header.enumerated() {
                appendText(title, to: &xml, reference: "\(letters[index])1", style: Style.header)
            }
            xml += "</row>"
        }
        for row in sheet.rows {
            rowNumber += 1
            xml += #"<row r="\#(rowNumber)">"#
            for (index, cell) in row.enumerated() {
                let reference = "\(letters[index])\(rowNumber)"
                switch cell {
                case .text(let text):
                    appendText(text, to: &xml, reference: reference, style: nil)
                case .integer(let value):
                    xml += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
                case .decimal(let fen):
                    xml += #"<c r="\#(reference)" s="\#(Style.money)"><v>\#(decimalText(fen: fen))</v></c>"#
                case .empty:
                    break
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return xml
    }

    static func appendText(_ text: String, to xml: inout String, reference: String, style: Int?) {
        let kept = spreadsheetEscaped(truncated(text, toUTF16: maxCellTextLength))
        let value = XMLText.escaped(kept)
        let styleAttribute = style.map { #" s="\#($0)""# } ?? ""
        // Keep whitespace at either end, and tabs or line breaks anywhere, as written.
        let xmlSpace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
        let preserve = [value.unicodeScalars.first, value.unicodeScalars.last].contains { $0.map(xmlSpace.contains) ?? false }
            || kept.unicodeScalars.contains { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        xml += #"<c r="\#(reference)"\#(styleAttribute) t="inlineStr"><is><t\#(preserve ? #" xml:space="preserve""# : "")>"#
        xml += value
        xml += "</t></is></c>"
    }

    /// Column widths in characters from the widest value (CJK and other wide characters count double),
    /// between 8 and 60.
    static func columnWidths(_ sheet: Sheet, columnCount: Int) -> [Int] {
        var widths = [Int](repeating: 0, count: columnCount)
        func measure(_ text: String) -> Int {
            var width = 0
            for scalar in text.unicodeScalars {
                // East Asian wide ranges: Hangul Jamo, CJK, Hangul syllables, compatibility forms, full-width forms.
                switch scalar.value {
                case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                     0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                    width += 2
                default:
                    width += 1
                }
                if width > 60 { break }
            }
            return width
        }
        for (index, title) in sheet.header.enumerated() { widths[index] = max(widths[index], measure(title)) }
        for row in sheet.rows {
            for (index, cell) in row.enumerated() {
                let width: Int
                switch cell {
                case .text(let text): width = measure(text)
                case .integer(let value): width = String(value).count
                case .decimal(let fen): width = decimalText(fen: fen).count
                case .empty: width = 0
                }
                if width > widths[index] { widths[index] = width }
            }
        }
        return widths.map { min(max($0 + 2, 8), 60) }
    }
}
