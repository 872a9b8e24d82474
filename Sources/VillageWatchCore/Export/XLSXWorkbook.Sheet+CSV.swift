/// The same table as CSV, for people who prefer it to a workbook: UTF-8 with a byte-order mark
/// (Excel and WPS otherwise read Chinese as GBK), money as plain yuan, and text that a
/// spreadsheet would run as a formula defused with a leading apostrophe.
extension XLSXWorkbook.Sheet {
    public var csv: String {
        "\u{FEFF}" + ([header] + rows.map { $0.map(Self.csvText) }).map(CSVWriter.line).joined(separator: "\r\n") + "\r\n"
    }

    static func csvText(_ cell: XLSXWorkbook.Cell) -> String {
        switch cell {
        case .text(let text): ["=", "+", "-", "@"].contains(text.first.map(String.init) ?? "") ? "'" + text : text
        case .integer(let value): String(value)
        case .decimal(let fen): XLSXWorkbook.decimalText(fen: fen)
        case .empty: ""
        }
    }
}
