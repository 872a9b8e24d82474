import Foundation
import VillageWatchCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a worksheet part into rows of cell texts, numbered as the spreadsheet numbers them. Missing
/// cells are empty strings, missing rows are absent. Cell texts:
/// - shared strings (`t="s"`), inline strings (`t="inlineStr"`), formula strings (`t="str"`): the text;
/// - numbers: as written, with binary floating-point noise removed by rounding to Excel's 15
///   significant digits (`1234.5599999999999` → `1234.56`), in decimal arithmetic;
/// - numbers in a date or time style: `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss` or `HH:mm:ss`;
/// - booleans `TRUE`/`FALSE`, errors as written (`#N/A`), ISO dates (`t="d"`) as written.
final class XLSXWorksheetParser: NSObject, XMLParserDelegate {
    struct Styles {
        /// Style indices (`s`) of date and date-time formats, and of time-only formats.
        var dateStyles: Set<Int> = []
        var timeStyles: Set<Int> = []
        var date1904 = false
    }

    private let sharedStrings: [String]
    private let styles: Styles

    private(set) var rows: [CSVRecord] = []
    private(set) var failure: XLSXSheetReader.XMLFailure?

    private var rowNumber = 0
    private var cells: [Int: String] = [:]
    private var column = 0
    private var cellType = "n"
    private var cellStyle: Int?
    private var value = ""
    private var inlineText = ""
    private var capture: Capture = .none
    private var phoneticDepth = 0

    private enum Capture { case none, value, inlineText }

    init(sharedStrings: [String], styles: Styles) {
        self.sharedStrings = sharedStrings
        self.styles = styles
    }

    static func parse(_ data: Data, sharedStrings: [String], styles: Styles) -> Result<[CSVRecord], XLSXSheetReader.XMLFailure> {
        let delegate = XLSXWorksheetParser(sharedStrings: sharedStrings, styles: styles)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { return .failure(failure) }
        guard ok else {
            return .failure(XLSXSheetReader.XMLFailure(line: parser.lineNumber, message: parser.parserError?.localizedDescription ?? "malformed XML"))
        }
        return .success(delegate.rows)
    }

    /// The 1-based column of a cell reference's letters (`B7` → 2); nil without letters.
    static func column(ofReference reference: String) -> Int? {
        var n = 0
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            guard let ascii = scalar.isASCII ? UInt8(scalar.value) : nil else { return nil }
            if ascii >= 65 && ascii <= 90 {
                n = n * 26 + Int(ascii - 64)
                sawLetter = true
            } else if ascii >= 97 && ascii <= 122 {
                n = n * 26 + Int(ascii - 96)
                sawLetter = true
            } else {
                break
            }
        }
        return sawLetter ? n : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        switch XLSXPartScanner.localName(elementName) {
        case "row":
            rowNumber = attributeDict["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells = [:]
            column = 0
        case "c":
            column = attributeDict["r"].flatMap(Self.column(ofReference:)) ?? column + 1
            cellType = attributeDict["t"] ?? "n"
            cellStyle = attributeDict["s"].flatMap { Int($0) }
            value = ""
            inlineText = ""
        case "v":
            capture = .value
        case "rPh":
            phoneticDepth += 1
        case "t":
            if phoneticDepth == 0 { capture = .inlineText }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .none: break
        case .value: value += string
        case .inlineText: inlineText += string
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XLSXPartScanner.localName(elementName) {
        case "v", "t":
            capture = .none
        case "rPh":
            phoneticDepth -= 1
        case "c":
            guard let text = cellText(parser) else { return }
            if !text.isEmpty { cells[column] = text }
        case "row":
            if let last = cells.keys.max() {
                rows.append(CSVRecord(line: rowNumber, fields: (1...last).map { cells[$0] ?? "" }))
            }
        default:
            break
        }
    }

    private func cellText(_ parser: XMLParser) -> String? {
        switch cellType {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
                failure = XLSXSheetReader.XMLFailure(
                    line: parser.lineNumber,
                    message: "row \(rowNumber), column \(XLSXSheetReader.columnLetters(max(column, 1))): shared string \(value) does not exist",
                    row: rowNumber)
                parser.abortParsing()
                return nil
            }
            return sharedStrings[index]
        case "inlineStr":
            return XLSXSheetReader.unescape(inlineText)
        case "str":
            return XLSXSheetReader.unescape(value)
        case "b":
            return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "e", "d":
            return value
        default:
            let number = value.trimmingCharacters(in: .whitespaces)
            if number.isEmpty { return "" }
            if let style = cellStyle {
                if styles.timeStyles.contains(style), let text = ExcelSerialDate.text(number, date1904: styles.date1904, timeOnly: true) {
                    return text
                }
                if styles.dateStyles.contains(style), let text = ExcelSerialDate.text(number, date1904: styles.date1904) {
                    return text
                }
            }
            return Self.roundedToExcelPrecision(number)
        }
    }

    /// A number rounded to 15 significant digits (what Excel shows), written without exponent and
    /// without trailing zeros after the point; the input itself if it is not a number.
    static func roundedToExcelPrecision(_ text: String) -> String {
        let posix = Locale(identifier: "en_US_POSIX")
        guard var value = Decimal(string: text, locale: posix), value.isFinite else { return text }
        // Plain digits need no rounding: keep integers (account numbers stored as numbers) exactly.
        if text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) { return text }
        let magnitude = value < 0 ? -value : value
        var scale = 15
        if magnitude >= 1 {
            var integerDigits = 0
            var probe = magnitude
            while probe >= 1 {
                probe /= 10
                integerDigits += 1
            }
            scale = max(0, 15 - integerDigits)
        } else if magnitude > 0 {
            var probe = magnitude
            while probe < Decimal(string: "0.1", locale: posix)! {
                probe *= 10
                scale += 1
            }
        }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .plain)
        var out = NSDecimalNumber(decimal: rounded).description(withLocale: posix)
        if out.contains("."), !out.contains("E"), !out.contains("e") {
            while out.hasSuffix("0") { out.removeLast() }
            if out.hasSuffix(".") { out.removeLast() }
        }
        return out
    }
}
