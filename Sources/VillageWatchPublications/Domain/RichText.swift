import Foundation
import VillageWatchCore

/// The rich text of a publication: what a village clerk pastes from Word or WPS, or types.
///
/// `sanitize` is the security boundary: its output is rendered unescaped on public pages. It is an
/// allow-list: only `p br strong b em i u ul ol li h3 h4 table thead tbody tr th td blockquote`
/// survive, and never with an attribute. Other tags are removed and their text kept, except
/// the elements whose content is never text a villager should see (`script style iframe object
/// embed svg math template noscript head title`, and a few relatives), which are dropped whole.
/// Comments, CDATA, processing instructions and doctypes are dropped. Text is decoded and
/// re-escaped, so the output is made only of allowed tags and escaped text, properly nested
/// (unclosed tags are closed, stray closing tags dropped, depth at most `maxDepth`), and in a
/// shape browsers parse back into exactly the same tree (no `<p>` inside `<p>`, table content
/// always inside a cell). Input without any markup, or whose markup all goes away, is treated
/// as typed text: paragraphs on blank lines, `<br>` on single line breaks. Sanitising the
/// output again gives the same output.
///
/// The parser is a small hand-written tokenizer after the HTML tokenizer's rules for tags,
/// attributes and comments; it never fails, whatever the input.
public enum RichText {
    /// The deepest nesting of allowed elements kept; deeper tags are dropped, their text kept.
    public static let maxDepth = 20

    public static func sanitize(_ html: String) -> String {
        var out = ""
        for event in events(html) {
            switch event {
            case .open(let name): out += "<\(name)>"
            case .close(let name): out += "</\(name)>"
            case .lineBreak: out += "<br>"
            case .text(let text): HTMLEscape.append(text, to: &out)
            }
        }
        return out
    }

    /// The visible text, whitespace collapsed to single spaces and trimmed; blocks and line
    /// breaks separate words. For search and length checks.
    public static func plainText(_ html: String) -> String {
        var out = ""
        var pendingSpace = false
        func add(_ text: String) {
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        for event in events(html) {
            switch event {
            case .open(let name), .close(let name):
                if !inlineTags.contains(name) { pendingSpace = !out.isEmpty }
            case .lineBreak: pendingSpace = !out.isEmpty
            case .text(let text): add(text)
            }
        }
        return out
    }

    // MARK: - Element classes

    static let allowedTags: Set<String> = [
        "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4",
        "table", "thead", "tbody", "tr", "th", "td", "blockquote",
    ]
    static let inlineTags: Set<String> = ["strong", "b", "em", "i", "u"]
    /// Blocks that may not sit inside a `<p>`: opening one closes an open paragraph.
    static let blockTags: Set<String> = ["p", "ul", "ol", "li", "h3", "h4", "table", "blockquote"]
    static let tableSectionTags: Set<String> = ["table", "thead", "tbody", "tr"]
    /// Skipped up to their end tag without looking inside (the HTML raw text and RCDATA elements
    /// among the dropped ones).
    static let rawTextTags: Set<String> = ["script", "style", "iframe", "noscript", "noembed", "noframes", "title"]
    /// Parsed, but nothing inside reaches the output. `xml` is Word's data island
    /// (`<xml><w:WordDocument>…`), whose text is settings, not content.
    static let droppedContainerTags: Set<String> = ["object", "svg", "math", "template", "head", "applet", "xml"]
    /// Void elements dropped with nothing to skip.
    static let droppedVoidTags: Set<String> = ["embed"]
    /// Headings outside the allowed two levels become the nearest allowed one.
    static let renamedTags: [String: String] = ["h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4"]
    /// Block elements that are removed, but whose edges still break the line, so that pasted
    /// `<div>line</div><div>line</div>` does not run together.
    static let lineBreakingTags: Set<String> = [
        "div", "section", "article", "header", "footer", "main", "nav", "aside", "address", "center",
        "pre", "dl", "dt", "dd", "figure", "figcaption", "caption", "hr", "form", "fieldset", "details", "summary",
    ]

    // MARK: - Building the tree

    enum Event: Equatable {
        case open(String)
        case close(String)
        case lineBreak
        case text(String)
    }

    static func events(_ html: String) -> [Event] {
        var tokenizer = Tokenizer(html)
        var tokens: [Token] = []
        var hasMarkup = false
        while let token = tokenizer.next() {
            if case .text = token {} else { hasMarkup = true }
            tokens.append(token)
        }
        guard hasMarkup else {
            let text = tokens.reduce(into: "") { text, token in
                if case .text(let part) = token { text += part }
            }
            return paragraphs(clean(decodeEntities(text)))
        }
        var builder = TreeBuilder()
        for token in tokens {
            builder.take(token)
        }
        builder.finish()
        // When no structure survived (only removed tags around text), the text is treated as
        // typed, exactly as it will be when the output is sanitised again.
        if builder.events.allSatisfy({ if case .text = $0 { true } else { false } }) {
            return paragraphs(builder.events.reduce(into: "") { text, event in
                if case .text(let part) = event { text += part }
            })
        }
        return builder.events
    }

    /// Typed text: paragraphs separated by blank lines, `<br>` between the lines of one.
    static func paragraphs(_ text: String) -> [Event] {
        var events: [Event] = []
        var lines: [String] = []
        func flush() {
            guard !lines.isEmpty else { return }
            events.append(.open("p"))
            for (index, line) in lines.enumerated() {
                if index > 0 { events.append(.lineBreak) }
                events.append(.text(line))
            }
            events.append(.close("p"))
            lines = []
        }
        var line = String.UnicodeScalarView()
        func endLine() {
            while let last = line.last, last.properties.isWhitespace { line.removeLast() }
            if line.isEmpty { flush() } else { lines.append(String(line)) }
            line = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" { endLine() } else { line.append(scalar) }
        }
        endLine()
        flush()
        return events
    }

    struct TreeBuilder {
        private(set) var events: [Event] = []
        /// Text not yet added to `events`, so that runs of text split by removed tags are
        /// joined in linear time.
        private var buffer = ""
        private var bufferHasContent = false
        var stack: [String] = []
        /// Allowed start tags dropped for depth, so their end tags are dropped too.
        var overflow: [String: Int] = [:]
        /// Open dropped containers (`svg`, `object`…); while any is open nothing is emitted.
        var dropped: [String] = []
        /// A removed block (`div`…) ended a line: break it if more inline content follows.
        var pendingBreak = false

        mutating func take(_ token: Token) {
            switch token {
            case .markup, .rawTextElement: return
            case .text(let raw):
                if dropped.isEmpty { text(clean(decodeEntities(raw))) }
            case .startTag(let rawName, let selfClosing):
                let name = renamedTags[rawName] ?? rawName
                if !dropped.isEmpty {
                    if droppedContainerTags.contains(name), !selfClosing {
                        dropped.append(name)
                    } else if name == "body", let head = dropped.firstIndex(of: "head") {
                        dropped.removeSubrange(head...)
                    }
                } else if droppedContainerTags.contains(name) {
                    if !selfClosing { dropped.append(name) }
                } else if name == "br" {
                    pendingBreak = false
                    if let top = stack.last, tableSectionTags.contains(top) { return }
                    emit(.lineBreak)
                } else if allowedTags.contains(name) {
                    if inlineTags.contains(name) { flushBreak() } else { pendingBreak = false }
                    start(name)
                } else if lineBreakingTags.contains(name) {
                    breakLine()
                }
            case .endTag(let rawName):
                let name = renamedTags[rawName] ?? rawName
                if !dropped.isEmpty {
                    if let index = dropped.lastIndex(of: name) { dropped.removeSubrange(index...) }
                } else if allowedTags.contains(name) {
                    if let count = overflow[name], count > 0 {
                        overflow[name] = count - 1
                    } else if stack.contains(name) {
                        if !inlineTags.contains(name) { pendingBreak = false }
                        close(through: name)
                    }
                } else if lineBreakingTags.contains(name) {
                    breakLine()
                }
            }
        }

        mutating func finish() {
            while let top = stack.popLast() { emit(.close(top)) }
            flushText()
        }

        private mutating func emit(_ event: Event) {
            flushText()
            events.append(event)
        }

        private mutating func flushText() {
            guard !buffer.isEmpty else { return }
            events.append(.text(buffer))
            buffer = ""
            bufferHasContent = false
        }

        private mutating func text(_ text: String) {
            guard !text.isEmpty else { return }
            let blank = !text.unicodeScalars.contains(where: { !$0.properties.isWhitespace })
            if let top = stack.last, tableSectionTags.contains(top) {
                // Browsers move text out of a table unless it is in a cell; blanks between
                // table tags are just layout.
                guard !blank else { return }
                openCell()
            }
            if !blank { flushBreak() }
            buffer += text
            if !blank { bufferHasContent = true }
        }

        /// Removed block elements still end a line of inline content: the break is made when
        /// more inline content follows, not before a block or at the end.
        private mutating func breakLine() {
            if bufferHasContent {
                pendingBreak = true
                return
            }
            for event in events.reversed() {
                switch event {
                case .text(let text) where !text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }):
                    continue
                case .text:
                    pendingBreak = true
                case .close(let name) where inlineTags.contains(name):
                    pendingBreak = true
                default:
                    break
                }
                return
            }
        }

        private mutating func flushBreak() {
            guard pendingBreak else { return }
            pendingBreak = false
            if let top = stack.last, tableSectionTags.contains(top) { return }
            emit(.lineBreak)
        }

        private mutating func start(_ name: String) {
            switch name {
            case "thead", "tbody":
                guard stack.contains("table") else { return }
                popWhile { $0 != "table" }
            case "tr":
                guard stack.contains("table") else { return }
                popWhile { !["table", "thead", "tbody"].contains($0) }
            case "td", "th":
                guard stack.contains("table") else { return }
                popWhile { !["tr", "table", "thead", "tbody"].contains($0) }
                if stack.last != "tr" { push("tr") }
            default:
                if let top = stack.last, tableSectionTags.contains(top) { openCell() }
                if name == "li" { closeListItem() }
                if blockTags.contains(name) { closeParagraphInScope() }
                if name == "h3" || name == "h4", let top = stack.last, top == "h3" || top == "h4" { pop() }
            }
            // A table needs room for its section, row and cell, so that content inside it always
            // has a cell to go to.
            let needed = name == "table" ? 4 : 1
            guard stack.count + needed <= RichText.maxDepth else {
                overflow[name, default: 0] += 1
                return
            }
            push(name)
        }

        /// Opens the row and cell that content inside a table needs.
        private mutating func openCell() {
            guard let top = stack.last else { return }
            if top != "tr" { push("tr") }
            push("td")
        }

        /// A new list item closes the open one, through any inline formatting or paragraph in it.
        private mutating func closeListItem() {
            for name in stack.reversed() {
                if name == "li" { close(through: "li"); return }
                if !inlineTags.contains(name) && name != "p" { return }
            }
        }

        /// A block closes an open paragraph unless a table cell stands in between.
        private mutating func closeParagraphInScope() {
            for name in stack.reversed() {
                if name == "p" { close(through: "p"); return }
                if name == "table" || name == "td" || name == "th" { return }
            }
        }

        private mutating func close(through name: String) {
            while let top = stack.popLast() {
                emit(.close(top))
                if top == name { return }
            }
        }

        private mutating func popWhile(_ condition: (String) -> Bool) {
            while let top = stack.last, condition(top) { pop() }
        }

        private mutating func pop() {
            if let top = stack.popLast() { emit(.close(top)) }
        }

        private mutating func push(_ name: String) {
            stack.append(name)
            emit(.open(name))
        }
    }

    // MARK: - Tokenizer

    enum Token: Equatable {
        /// Raw text, entities not yet decoded.
        case text(String)
        /// Tag names are lower-cased ASCII; attributes are parsed and thrown away.
        case startTag(String, selfClosing: Bool)
        case endTag(String)
        /// A comment, CDATA section, processing instruction or doctype.
        case markup
        /// A `script`/`style`/… element, content and end tag included, skipped whole.
        case rawTextElement(String)
    }

    struct Tokenizer {
        private let s: [Unicode.Scalar]
        private var i = 0

        init(_ html: String) {
            // Line endings normalised as browsers do; NUL is never useful.
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(html.unicodeScalars.count)
            var previousCR = false
            for scalar in html.unicodeScalars {
                switch scalar {
                case "\r": scalars.append("\n"); previousCR = true; continue
                case "\n" where previousCR: break
                case "\u{0}": break
                default: scalars.append(scalar)
                }
                previousCR = false
            }
            s = scalars
        }

        /// Markup read while collecting text, returned on the next call.
        private var pending: Token?

        mutating func next() -> Token? {
            if let token = pending { pending = nil; return token }
            guard i < s.count else { return nil }
            var text = String.UnicodeScalarView()
            while i < s.count {
                if s[i] == "<", let token = markupAt() {
                    if text.isEmpty { return token }
                    pending = token
                    return .text(String(text))
                }
                text.append(s[i])
                i += 1
            }
            return .text(String(text))
        }

        /// Reads the markup at `i` (a `<`), or returns nil leaving `i` alone when the `<` is text.
        private mutating func markupAt() -> Token? {
            let start = i
            guard start + 1 < s.count else { return nil }
            let next = s[start + 1]
            if isASCIILetter(next) {
                i = start + 1
                let name = tagName()
                guard let selfClosing = skipAttributes() else { i = s.count; return .markup }
                if rawTextTags.contains(name) {
                    skipRawText(name)
                    return .rawTextElement(name)
                }
                return .startTag(name, selfClosing: selfClosing)
            }
            switch next {
            case "/":
                guard start + 2 < s.count else { return nil }
                let after = s[start + 2]
                if isASCIILetter(after) {
                    i = start + 2
                    let name = tagName()
                    guard skipAttributes() != nil else { i = s.count; return .markup }
                    return .endTag(name)
                }
                if after == ">" { i = start + 3; return .markup }
                i = start + 2
                skipBogusComment()
                return .markup
            case "!":
                i = start + 2
                if hasPrefix("--") {
                    i += 2
                    skipComment()
                } else if hasPrefix("[CDATA[") {
                    i += 7
                    skip(past: Array("]]>".unicodeScalars))
                } else {
                    skipBogusComment()
                }
                return .markup
            case "?":
                i = start + 2
                skipBogusComment()
                return .markup
            default:
                return nil
            }
        }

        private func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c)
        }

        private func isSpace(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\n" || c == "\u{C}"
        }

        private func hasPrefix(_ prefix: String) -> Bool {
            var j = i
            for c in prefix.unicodeScalars {
                guard j < s.count, s[j] == c else { return false }
                j += 1
            }
            return true
        }

        /// The tag name at `i`, ASCII lower-cased, up to a space, `/` or `>`.
        private mutating func tagName() -> String {
            var name = String.UnicodeScalarView()
            while i < s.count {
                let c = s[i]
                if isSpace(c) || c == "/" || c == ">" { break }
                if ("A"..."Z").contains(c) {
                    name.append(Unicode.Scalar(c.value + 32)!)
                } else {
                    name.append(c)
                }
                i += 1
            }
            return String(name)
        }

        /// Skips the attributes and the closing `>`. Returns whether the tag was self-closing,
        /// or nil when the input ends inside the tag (which then is not a tag at all).
        private mutating func skipAttributes() -> Bool? {
            var selfClosing = false
            while i < s.count {
                let c = s[i]
                if c == ">" { i += 1; return selfClosing }
                if isSpace(c) { i += 1; continue }
                if c == "/" { selfClosing = true; i += 1; continue }
                selfClosing = false
                // Attribute name: the first character may be anything, even `=`.
                i += 1
                while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">", s[i] != "=" { i += 1 }
                while i < s.count, isSpace(s[i]) { i += 1 }
                guard i < s.count, s[i] == "=" else { continue }
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                guard i < s.count else { return nil }
                let quote = s[i]
                if quote == "\"" || quote == "'" {
                    i += 1
                    while i < s.count, s[i] != quote { i += 1 }
                    guard i < s.count else { return nil }
                    i += 1
                } else {
                    while i < s.count, !isSpace(s[i]), s[i] != ">" { i += 1 }
                }
            }
            return nil
        }

        /// Skips to just after `</name` + space, `/` or `>` and the rest of that end tag,
        /// or to the end of the input.
        private mutating func skipRawText(_ name: String) {
            let target = Array(name.unicodeScalars)
            while i < s.count {
                guard s[i] == "<", i + 1 < s.count, s[i + 1] == "/" else { i += 1; continue }
                var j = i + 2
                var matched = true
                for c in target {
                    guard j < s.count else { matched = false; break }
                    var d = s[j]
                    if ("A"..."Z").contains(d) { d = Unicode.Scalar(d.value + 32)! }
                    if d != c { matched = false; break }
                    j += 1
                }
                if matched, j < s.count, isSpace(s[j]) || s[j] == "/" || s[j] == ">" {
                    i = j
                    if skipAttributes() == nil { i = s.count }
                    return
                }
                i += 1
            }
        }

        /// `<!--` already consumed: up to `-->` or `--!>` (or `<!-->` / `<!--->`), else the end.
        private mutating func skipComment() {
            if hasPrefix(">") { i += 1; return }
            if hasPrefix("->") { i += 2; return }
            while i < s.count {
                if hasPrefix("-->") { i += 3; return }
                if hasPrefix("--!>") { i += 4; return }
                i += 1
            }
        }

        private mutating func skipBogusComment() {
            while i < s.count, s[i] != ">" { i += 1 }
            if i < s.count { i += 1 }
        }

        private mutating func skip(past terminator: [Unicode.Scalar]) {
            while i < s.count {
                if s[i] == terminator[0], i + terminator.count <= s.count, Array(s[i ..< i + terminator.count]) == terminator {
                    i += terminator.count
                    return
                }
                i += 1
            }
        }
    }

    // MARK: - Text

    static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "shy": "\u{AD}",
        "middot": "·", "hellip": "…", "mdash": "—", "ndash": "–", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "laquo": "«", "raquo": "»", "bull": "•", "times": "×", "divide": "÷",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "yen": "¥", "permil": "‰",
        "le": "≤", "ge": "≥", "ne": "≠", "rarr": "→", "larr": "←", "sect": "§", "para": "¶",
    ]

    /// HTML maps character references in 0x80–0x9F to their Windows-1252 characters.
    static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
        0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
        0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
    ]

    /// Decodes the common named references (with their `;`) and every numeric one (`&#NNN;`,
    /// `&#xHH;`, `;` optional); anything else stays literal text.
    static func decodeEntities(_ text: String) -> String {
        guard text.unicodeScalars.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == "&" else { out.append(s[i]); i += 1; continue }
            if i + 1 < s.count, s[i + 1] == "#" {
                var j = i + 2
                let hex = j < s.count && (s[j] == "x" || s[j] == "X")
                if hex { j += 1 }
                var value: UInt32 = 0
                var digits = 0
                while j < s.count, let digit = digitValue(s[j], hex: hex) {
                    value = min(value * (hex ? 16 : 10) + digit, 0x110000)
                    digits += 1
                    j += 1
                }
                if digits > 0 {
                    if j < s.count, s[j] == ";" { j += 1 }
                    out.append(characterReference(value))
                    i = j
                    continue
                }
            } else {
                var j = i + 1
                var name = ""
                while j < s.count, j - i <= 10, s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) {
                    name.unicodeScalars.append(s[j])
                    j += 1
                }
                if j < s.count, s[j] == ";", let scalar = namedEntities[name] {
                    out.append(scalar)
                    i = j + 1
                    continue
                }
            }
            out.append("&")
            i += 1
        }
        return String(out)
    }

    private static func digitValue(_ c: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch c.value {
        case 0x30...0x39: c.value - 0x30
        case 0x61...0x66 where hex: c.value - 0x61 + 10
        case 0x41...0x46 where hex: c.value - 0x41 + 10
        default: nil
        }
    }

    private static func characterReference(_ value: UInt32) -> Unicode.Scalar {
        if let mapped = windows1252[value] { return mapped }
        if value == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Removes control characters other than tab and line feed (and the remaining
    /// C1 controls) from decoded text.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isControl(scalar) { out.append(scalar) }
        return String(out)
    }

    private static func isControl(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
