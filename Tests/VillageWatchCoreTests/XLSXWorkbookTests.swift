import Testing
import Foundation
@testable import VillageWatchCore
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("XLSX workbook")
struct XLSXWorkbookTests {
    /// The text of every entry of an .xlsx, unzipped with ZIPFoundation.
    private func unzip(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            #expect(entry.type == .file)
            #expect(entry.isCompressed, "\(entry.path) should be deflated")
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = try #require(String(data: bytes, encoding: .utf8))
        }
        return parts
    }

    /// Whether the text parses as a well-formed XML document.
    private func isWellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    private func sampleWorkbook() -> XLSXWorkbook {
        let wide = (1...30).map { "列\($0)" }
        return XLSXWorkbook(sheets: [
            .init(name: "补贴发放 2024", header: ["姓名", "村", "金额（元）", "人数", "备注"], rows: [
                [.text("张三"), .text("红旗村"), .decimal(fen: 12345), .integer(3), .text(#"A&B <c> "q" 'a'"#)],
                [.text("李四"), .text("东风村"), .decimal(fen: -5), .integer(-7), .empty],
                [.text("王五\u{1}\u{B}\u{FFFE}"), .empty, .decimal(fen: 0), .integer(Int64.max), .text("  空格  ")],
            ]),
            .init(name: "宽表", header: wide, rows: [(1...30).map { .integer(Int64($0)) }]),
        ])
    }

    @Test func packageHasEveryPartAndWellFormedXML() throws {
        let parts = try unzip(try sampleWorkbook().data())
        #expect(Set(parts.keys) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        for (path, xml) in parts {
            #expect(isWellFormed(xml), "\(path) is not well-formed XML")
        }
        let types = try #require(parts["[Content_Types].xml"])
        #expect(types.contains(#"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        #expect(types.contains(#"PartName="/xl/styles.xml""#))
        let rels = try #require(parts["xl/_rels/workbook.xml.rels"])
        #expect(rels.contains(#"Target="worksheets/sheet2.xml""#))
        #expect(rels.contains(#"Target="styles.xml""#))
        let styles = try #require(parts["xl/styles.xml"])
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="0.00"/>"#))
        #expect(styles.contains("<b/>"))
        let workbook = try #require(parts["xl/workbook.xml"])
        #expect(workbook.contains(#"<sheet name="补贴发放 2024" sheetId="1" r:id="rId1"/>"#))
        #expect(workbook.contains(#"<sheet name="宽表" sheetId="2" r:id="rId2"/>"#))
    }

    @Test func sheetXMLHoldsEscapedTextMoneyAndFrozenHeader() throws {
        let parts = try unzip(try sampleWorkbook().data())
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        // Header: bold style 1, inline strings, UTF-8 Chinese.
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>姓名</t></is></c>"#))
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<dimension ref="A1:E4"/>"#))
        // Text escaped; characters XML 1.0 forbids dropped; edge spaces preserved.
        #expect(sheet.contains("<t>A&amp;B &lt;c&gt; &quot;q&quot; &apos;a&apos;</t>"))
        #expect(sheet.contains(#"<c r="A4" t="inlineStr"><is><t>王五</t></is></c>"#))
        #expect(sheet.contains(#"<t xml:space="preserve">  空格  </t>"#))
        // Money: exact decimal text with the 0.00 style; integers plain.
        #expect(sheet.contains(#"<c r="C2" s="2"><v>123.45</v></c>"#))
        #expect(sheet.contains(#"<c r="C3" s="2"><v>-0.05</v></c>"#))
        #expect(sheet.contains(#"<c r="C4" s="2"><v>0.00</v></c>"#))
        #expect(sheet.contains(#"<c r="D2"><v>3</v></c>"#))
        #expect(sheet.contains(#"<c r="D4"><v>9223372036854775807</v></c>"#))
        // Empty cells are left out.
        #expect(!sheet.contains(#"r="E3""#))
        #expect(!sheet.contains(#"r="B4""#))
        let wide = try #require(parts["xl/worksheets/sheet2.xml"])
        #expect(wide.contains(#"<c r="AA1" s="1" t="inlineStr"><is><t>列27</t></is></c>"#))
        #expect(wide.contains(#"<c r="AD2"><v>30</v></c>"#))
        #expect(wide.contains(#"<dimension ref="A1:AD2"/>"#))
        #expect(sheet.contains(#"tabSelected="1""#) && !wide.contains("tabSelected"))
    }

    @Test func sheetAsCSVKeepsChineseMoneyAndDefusesFormulas() {
        let sheet = XLSXWorkbook.Sheet(name: "流水", header: ["对方", "金额"], rows: [
            [.text("陈*强"), .decimal(fen: -12_345)], [.text("=HYPERLINK(\"x\")"), .integer(3)], [.text("a,b"), .empty],
        ])
        #expect(sheet.csv == "\u{FEFF}对方,金额\r\n陈*强,-123.45\r\n\"'=HYPERLINK(\"\"x\"\")\",3\r\n\"a,b\",\r\n")
    }

    @Test func outputIsDeterministic() throws {
        #expect(try sampleWorkbook().data() == sampleWorkbook().data())
    }

    @Test func moneyIsExactDecimalText() {
        #expect(XLSXWorkbook.decimalText(fen: 12345) == "123.45")
        #expect(XLSXWorkbook.decimalText(fen: -5) == "-0.05")
        #expect(XLSXWorkbook.decimalText(fen: 0) == "0.00")
        #expect(XLSXWorkbook.decimalText(fen: 100) == "1.00")
        #expect(XLSXWorkbook.decimalText(fen: -100) == "-1.00")
        #expect(XLSXWorkbook.decimalText(fen: 7) == "0.07")
        #expect(XLSXWorkbook.decimalText(fen: 10) == "0.10")
        #expect(XLSXWorkbook.decimalText(fen: 9_007_199_254_740_993) == "90071992547409.93")
        #expect(XLSXWorkbook.decimalText(fen: Int64.max) == "92233720368547758.07")
        #expect(XLSXWorkbook.decimalText(fen: Int64.min) == "-92233720368547758.08")
    }

    @Test func columnLetters() {
        let cases: [(Int, String)] = [(1, "A"), (26, "Z"), (27, "AA"), (28, "AB"), (52, "AZ"), (53, "BA"),
                                      (702, "ZZ"), (703, "AAA"), (16_384, "XFD")]
        for (column, letters) in cases {
            #expect(XLSXWorkbook.columnLetters(column) == letters)
        }
    }

    @Test func escaping() {
        #expect(XMLText.escaped(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLText.escaped("x\u{0}\u{8}\u{1F}\u{FFFF}y\tz\n") == "xy\tz\n")
        #expect(XMLText.escaped("a\r\nb") == "a&#13;\nb")
        #expect(XMLText.escaped("村民😀") == "村民😀")
        // `_xHHHH_` would be read back as one character: its underscore is escaped.
        #expect(XLSXWorkbook.spreadsheetEscaped("a_x0041_b") == "a_x005F_x0041_b")
        #expect(XLSXWorkbook.spreadsheetEscaped("_x00_ _xZZZZ_ x_y") == "_x00_ _xZZZZ_ x_y")
        #expect(XLSXWorkbook.truncated("村村村", toUTF16: 2) == "村村")
        #expect(XLSXWorkbook.truncated("a😀", toUTF16: 2) == "a")
    }

    @Test func sheetNamesAreValidAndUnique() throws {
        let long = String(repeating: "长", count: 40)
        let names = XLSXWorkbook.sheetNames([
            "a[b]c:d*e?f/g\\h", long, long, "", "'引号'", "History", "Data", "data", "DATA", "tab\there",
        ])
        #expect(names[0] == "a_b_c_d_e_f_g_h")
        #expect(names[1] == String(repeating: "长", count: 31))
        #expect(names[2] == String(repeating: "长", count: 27) + " (2)")
        #expect(names[3] == "Sheet4")
        #expect(names[4] == "引号")
        #expect(names[5] == "Sheet6 History")
        #expect(names[6] == "Data")
        #expect(names[7] == "data (2)")
        #expect(names[8] == "DATA (3)")
        #expect(names[9] == "tabhere")
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        for name in names {
            #expect(!name.isEmpty && name.utf16.count <= 31)
            #expect(!name.contains { "[]:*?/\\".contains($0) })
            #expect(!name.hasPrefix("'") && !name.hasSuffix("'"))
        }
        // The sanitised names are the ones written, XML-escaped.
        let workbook = XLSXWorkbook(sheets: [
            .init(name: "A&B", header: [], rows: []),
            .init(name: "a&b", header: ["x"], rows: []),
        ])
        let parts = try unzip(try workbook.data())
        let xml = try #require(parts["xl/workbook.xml"])
        #expect(xml.contains(#"name="A&amp;B""#) && xml.contains(#"name="a&amp;b (2)""#))
        // No header: no frozen pane, rows start at 1.
        let first = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(!first.contains("<pane") && first.contains(#"<dimension ref="A1"/>"#))
    }

    @Test func limits() throws {
        #expect(throws: XLSXWorkbook.Failure.noSheets) { try XLSXWorkbook(sheets: []).data() }
        let tooWide = XLSXWorkbook(sheets: [.init(name: "w", header: [], rows: [Array(repeating: .empty, count: 16_385)])])
        #expect(throws: XLSXWorkbook.Failure.tooManyColumns(sheet: "w", count: 16_385)) { try tooWide.data() }
        let longText = String(repeating: "a", count: 40_000)
        let parts = try unzip(try XLSXWorkbook(sheets: [.init(name: "t", header: [], rows: [[.text(longText)]])]).data())
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<t>" + String(repeating: "a", count: 32_767) + "</t>"))
    }
}
