import Foundation
import Testing
@testable import VillageWatchPublications

/// Rich text sanitising, attachment checks and search terms: pure rules, no database.
@Suite struct PublicationsDomainTests {
    // MARK: Rich text

    @Test func scriptStyleAndIframeAreRemovedWithTheirContent() {
        #expect(RichText.sanitize("<p>村务<script>alert(1)</script>公开</p>") == "<p>村务公开</p>")
        #expect(RichText.sanitize("<style>p { color: red }</style><p>正文</p>") == "<p>正文</p>")
        #expect(RichText.sanitize("<p>a<iframe src=\"https://evil.example\">b <b>c</b></iframe>d</p>") == "<p>ad</p>")
        #expect(RichText.sanitize("<p>x<SCRIPT type=text/javascript>alert(1)</SCRIPT >y</p>") == "<p>xy</p>")
        #expect(RichText.sanitize("<p>x<script>never closed</p>") == "<p>x</p>")
        #expect(RichText.sanitize("<p><svg><script>alert(1)</script><text>t</text></svg>ok</p>") == "<p>ok</p>")
        #expect(RichText.sanitize("<object data=x>fallback</object><embed src=x><p>ok</p>") == "<p>ok</p>")
    }

    @Test func imagesAndEventHandlersAreRemoved() {
        let output = RichText.sanitize("<p>前<img src=x onerror=alert(1)>后</p>")
        #expect(output == "<p>前后</p>")
        #expect(!output.contains("onerror") && !output.contains("img"))
        #expect(RichText.sanitize("<img src=x onerror=alert(1)>") == "")
    }

    @Test func linksKeepOnlyTheirText() {
        #expect(RichText.sanitize("<p><a href=\"javascript:alert(1)\">text</a></p>") == "<p>text</p>")
        let bare = RichText.sanitize("<a href=\"javascript:alert(document.cookie)\">text</a>")
        #expect(RichText.plainText(bare) == "text")
        #expect(!bare.contains("javascript") && !bare.contains("href") && !bare.contains("<a"))
    }

    @Test func attributesAreStrippedFromAllowedTags() {
        #expect(RichText.sanitize("<p class=\"x\" style=\"color:red\" onclick='steal()'>t</p>") == "<p>t</p>")
        #expect(RichText.sanitize("<table border=1><tr><td colspan=2 onmouseover=x>a</td></tr></table>")
            == "<table><tr><td>a</td></tr></table>")
        #expect(RichText.sanitize("<p title=\"a>b\" data-x='<script>'>t</p>") == "<p>t</p>")
        #expect(RichText.sanitize("<ul><li style=\"\">x<br class=y/>y</li></ul>") == "<ul><li>x<br>y</li></ul>")
    }

    @Test func entitiesAreDecodedAndReescaped() {
        #expect(RichText.sanitize("<p>&amp; &lt; &gt; &quot; &#39; &nbsp;</p>") == "<p>&amp; &lt; &gt; &quot; &#39; &nbsp;</p>")
        #expect(RichText.sanitize("<p>&#20013;&#x6587; &#60;script&#62;</p>") == "<p>中文 &lt;script&gt;</p>")
        #expect(RichText.sanitize("<p>\"引号\" 'single' a&b</p>") == "<p>&quot;引号&quot; &#39;single&#39; a&amp;b</p>")
        #expect(RichText.sanitize("<p>&unknown; &#0;</p>") == "<p>&amp;unknown; \u{FFFD}</p>")
        #expect(RichText.plainText("<p>a&nbsp;&amp;&nbsp;b</p>") == "a & b")
        let once = RichText.sanitize("<p>&lt;b&gt; &amp;amp;</p>")
        #expect(RichText.sanitize(once) == once)
    }

    @Test func plainTextBecomesParagraphs() {
        #expect(RichText.sanitize("第一段第一行\n第一段第二行\n\n\n第二段") == "<p>第一段第一行<br>第一段第二行</p><p>第二段</p>")
        #expect(RichText.sanitize("一\r\n二\r\n\r\n三") == "<p>一<br>二</p><p>三</p>")
        #expect(RichText.sanitize("收入 < 支出 & 结余 > 0") == "<p>收入 &lt; 支出 &amp; 结余 &gt; 0</p>")
        #expect(RichText.sanitize("") == "")
        #expect(RichText.sanitize(" \n \n") == "")
    }

    @Test func unclosedTagsAreClosedInOrderAndStrayClosingTagsDropped() {
        #expect(RichText.sanitize("<p><strong><em>重要") == "<p><strong><em>重要</em></strong></p>")
        #expect(RichText.sanitize("<ul><li>一<li>二</ul>") == "<ul><li>一</li><li>二</li></ul>")
        #expect(RichText.sanitize("<p>一<p>二") == "<p>一</p><p>二</p>")
        #expect(RichText.sanitize("<p>a</b></i>b</p></p>") == "<p>ab</p>")
        #expect(RichText.sanitize("<table><tr><td>a<td>b<tr><td>c</table>")
            == "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    }

    @Test func deepNestingIsCapped() {
        let deep = String(repeating: "<blockquote>", count: 50) + "深" + String(repeating: "</blockquote>", count: 50)
        let output = RichText.sanitize(deep)
        #expect(output == String(repeating: "<blockquote>", count: RichText.maxDepth) + "深"
            + String(repeating: "</blockquote>", count: RichText.maxDepth))
        let unclosed = RichText.sanitize(String(repeating: "<b>", count: 10_000) + "x")
        #expect(unclosed.components(separatedBy: "<b>").count - 1 == RichText.maxDepth)
        #expect(unclosed.hasSuffix("x" + String(repeating: "</b>", count: RichText.maxDepth)))
    }

    @Test func wordMarkupBecomesPlainParagraphs() {
        let word = "<p class=MsoNormal style=\"margin:0cm;font-family:'宋体';mso-bidi-font-size:10.5pt\">"
            + "<span lang=EN-US style='font-size:14.0pt'>2024</span><span style='font-family:宋体'>年第三季度财务公开</span><o:p></o:p></p>"
        #expect(RichText.sanitize(word) == "<p>2024年第三季度财务公开</p>")
        let pasted = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8><title>文档</title>"
            + "<style>p.MsoNormal { margin: 0 }</style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->"
            + "</head><body lang=ZH-CN><div class=WordSection1><p class=MsoNormal><![if !supportLists]>1.<![endif]>修路<o:p>&nbsp;</o:p></p></div></body></html>"
        #expect(RichText.sanitize(pasted) == "<p>1.修路&nbsp;</p>")
    }

    @Test func sanitizedOutputIsStableAndHasOnlyBareAllowedTags() {
        let inputs = [
            "<div>一</div><div>二</div>", "<h1>标题</h1><h6>小节</h6>", "<!-- 注释 --><p>a</p><![CDATA[x]]><?xml version=1?>",
            "<table>散落的字</table>", "<p><table><tr><td>x</td></tr></table>", "<scr<script>ipt>alert(1)</script>",
            "<p onclick=\"a\"", "<<p>>", "</>", "<p>\u{1}\u{7F}控制字符</p>",
        ]
        for input in inputs {
            let output = RichText.sanitize(input)
            #expect(RichText.sanitize(output) == output, "\(input)")
            #expect(!output.lowercased().contains("<script"), "\(input)")
            // Every tag is exactly <name>, </name> or <br>: no attribute can survive.
            var rest = output[...]
            while let open = rest.firstIndex(of: "<") {
                let close = rest[open...].firstIndex(of: ">")
                #expect(close != nil)
                guard let close else { break }
                let name = rest[rest.index(after: open) ..< close].drop(while: { $0 == "/" })
                #expect(RichText.allowedTags.contains(String(name)), "<\(name)> in \(output)")
                rest = rest[rest.index(after: close)...]
            }
        }
        #expect(RichText.sanitize("<div>一</div><div>二</div>") == "一<br>二")
        #expect(RichText.sanitize("<h1>标题</h1><h6>小节</h6>") == "<h3>标题</h3><h4>小节</h4>")
        #expect(RichText.sanitize("<table>散落的字</table>") == "<table><tr><td>散落的字</td></tr></table>")
    }

    @Test func plainTextIsTheVisibleTextCollapsed() {
        #expect(RichText.plainText("<h3>标题</h3><p>村务<b>公开</b>\n\n  第二行</p><script>x</script><ul><li>一</li><li>二</li></ul>")
            == "标题 村务公开 第二行 一 二")
        #expect(RichText.plainText("<p> </p><br>") == "")
        #expect(RichText.plainText("typed\n\ntext") == "typed text")
    }

    // MARK: Attachments

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) + Data("JFIF".utf8)
    static let gif = Data("GIF89a".utf8) + Data([1, 0, 1, 0])
    static let webp = Data("RIFF".utf8) + Data([36, 0, 0, 0]) + Data("WEBPVP8 ".utf8)
    static let pdf = Data("%PDF-1.7\n%âãÏÓ\n".utf8)
    static let exe = Data("MZ".utf8) + Data([0x90, 0, 3, 0, 0, 0]) + Data("This program cannot be run in DOS mode".utf8)

    @Test func eachAcceptedKindIsDetectedByContent() throws {
        #expect(try AttachmentCheck.check(fileName: "现场照片.png", bytes: Self.png) == .png)
        #expect(try AttachmentCheck.check(fileName: "IMG_0001.JPG", bytes: Self.jpeg) == .jpeg)
        #expect(try AttachmentCheck.check(fileName: "photo.jpeg", bytes: Self.jpeg) == .jpeg)
        #expect(try AttachmentCheck.check(fileName: "动图.gif", bytes: Self.gif) == .gif)
        #expect(try AttachmentCheck.check(fileName: "wx.webp", bytes: Self.webp) == .webp)
        #expect(try AttachmentCheck.check(fileName: "2024年第三季度财务公开.PDF", bytes: Self.pdf) == .pdf)
        #expect(AttachmentKind.pdf.contentType == "application/pdf" && AttachmentKind.jpeg.contentType == "image/jpeg")
        #expect(AttachmentKind.png.chineseName == "PNG 图片")
    }

    @Test func anExecutableRenamedPDFIsRefused() {
        let error = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "财务报表.pdf", bytes: Self.exe) }
        #expect(error?.reason.contains("可执行文件") == true)
        let unnamed = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "setup.exe", bytes: Self.exe) }
        #expect(unnamed?.reason.contains("可执行文件") == true)
        let elf = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "a.png", bytes: Data([0x7F, 0x45, 0x4C, 0x46, 2, 1])) }
        #expect(elf?.reason.contains("可执行文件") == true)
        let zip = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "名单.pdf", bytes: Data([0x50, 0x4B, 0x03, 0x04, 20, 0])) }
        #expect(zip?.reason.contains("ZIP") == true)
        let svg = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "logo.png", bytes: Data("\u{FEFF}  <svg onload=alert(1)>".utf8)) }
        #expect(svg?.reason.contains("SVG") == true)
        let text = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "说明.txt", bytes: Data("你好".utf8)) }
        #expect(text?.reason.contains("无法识别") == true)
    }

    @Test func contentAndExtensionMustAgree() {
        let png = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "scan.pdf", bytes: Self.png) }
        #expect(png?.reason.contains(".pdf") == true && png?.reason.contains("PNG") == true)
        #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "photo.png", bytes: Self.jpeg) }
        #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "report.pdf.exe", bytes: Self.pdf) }
        #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "photo.jpg\u{202E}gpj.exe", bytes: Self.jpeg) }
    }

    @Test func emptyAndOversizedFilesAreRefused() throws {
        let empty = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "a.pdf", bytes: Data()) }
        #expect(empty?.reason.contains("为空") == true)
        var big = Self.pdf
        big.append(Data(count: AttachmentCheck.maxBytes + 1 - big.count))
        let oversized = #expect(throws: AttachmentProblem.self) { try AttachmentCheck.check(fileName: "a.pdf", bytes: big) }
        #expect(oversized?.reason.contains("过大") == true)
        big.removeLast()
        #expect(try AttachmentCheck.check(fileName: "a.pdf", bytes: big) == .pdf)
    }

    @Test func fileNamesAreMadeSafe() {
        #expect(AttachmentCheck.safeFileName("../../etc/passwd.pdf") == "passwd.pdf")
        #expect(AttachmentCheck.safeFileName("C:\\Users\\村文书\\Desktop\\低保名单.pdf") == "低保名单.pdf")
        #expect(AttachmentCheck.safeFileName("财务\u{0}公开\n表.pdf") == "财务公开表.pdf")
        #expect(AttachmentCheck.safeFileName("photo.jpg\u{202E}gpj.exe") == "photo.jpggpj.exe")
        #expect(AttachmentCheck.safeFileName("a:b*c?.pdf") == "a_b_c_.pdf")
        #expect(AttachmentCheck.safeFileName("..") == "附件")
        #expect(AttachmentCheck.safeFileName("") == "附件")
        #expect(AttachmentCheck.safeFileName(".pdf") == "附件.pdf")
        #expect(AttachmentCheck.safeFileName("CON.pdf") == "_CON.pdf")
        let long = AttachmentCheck.safeFileName(String(repeating: "村", count: 300) + ".pdf")
        #expect(long.count == AttachmentCheck.maxFileNameLength && long.hasSuffix("村.pdf"))
    }

    // MARK: Search terms

    @Test func chineseRunsBecomeOverlappingBigrams() {
        #expect(SearchTerms.queryTerms("村务公开") == ["村务", "务公", "公开"])
        #expect(SearchTerms.queryTerms("公开") == ["公开"])
        let terms = SearchTerms.terms("村务公开，财务公开。")
        #expect(terms.isSuperset(of: ["村务", "务公", "公开", "财务"]))
        #expect(!terms.contains("开财"), "punctuation separates runs")
        // Every query for a word in the text finds it.
        for query in ["村务", "公开", "财务公开", "务公"] {
            #expect(terms.isSuperset(of: SearchTerms.queryTerms(query)), "\(query)")
        }
        #expect(!terms.isSuperset(of: SearchTerms.queryTerms("低保")))
    }

    @Test func mixedTextGivesWordsAndBigrams() {
        #expect(SearchTerms.queryTerms("低保 2024") == ["低保", "2024"])
        #expect(SearchTerms.queryTerms("2024年低保名单") == ["2024", "年低", "低保", "保名", "名单"])
        #expect(SearchTerms.queryTerms("PDF 附件 pdf") == ["pdf", "附件"])
        #expect(SearchTerms.queryTerms("ＷＰＳ２０２４") == ["wps2024"], "full-width forms fold to ASCII")
        let terms = SearchTerms.terms("关于2024年Q3低保资金发放的公示")
        #expect(terms.isSuperset(of: ["2024", "q3", "低保", "公示", "年"]))
        #expect(terms.isSuperset(of: SearchTerms.queryTerms("2024年")))
        #expect(SearchTerms.terms(String(repeating: "a", count: 40)) == [String(repeating: "a", count: 32)])
        #expect(SearchTerms.queryTerms("  ，。！?  ").isEmpty)
    }

    @Test func singleCharactersAndLimits() {
        #expect(SearchTerms.queryTerms("路") == ["路"])
        #expect(SearchTerms.queryTerms("修 路") == ["修", "路"])
        #expect(SearchTerms.terms("路") == ["路"])
        #expect(SearchTerms.terms("修路").isSuperset(of: ["修路"]))
        #expect(SearchTerms.terms("修路").isSuperset(of: SearchTerms.queryTerms("路")), "one character is found inside longer runs")
        #expect(SearchTerms.queryTerms("公开 公开 村务公开") == ["公开", "村务", "务公"])
        let long = SearchTerms.queryTerms("村务公开财务党务低保名单项目招标结果人事任免重大事项决议提议公示")
        #expect(long.count == SearchTerms.maxQueryTerms)
    }
}
