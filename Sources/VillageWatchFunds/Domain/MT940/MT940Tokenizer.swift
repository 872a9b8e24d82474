import Foundation

/// Splits the text of an MT940/MT942 file into fields and message ends.
///
/// - A line starting with `:TAG:` (2–4 capitals or digits: `:20:`, `:28C:`, `:NS:`, `:940:`)
///   starts a field; any other line continues the current field (SWIFT forbids continuation
///   lines that start with `:` or `-`). Blank lines are skipped, as upstream does.
/// - A line starting with `-` ends the message (`-`, `-}` of a `{4:` block, ING's `-XXX`,
///   mBank's `-` + ETX); text outside any field (before the first tag, between messages: ING's
///   `0000 01INGBNL2AXXXX00001`, ABN AMRO's `ABNANL2A`/`940` headers) is ignored.
/// - The SWIFT envelope is optional: `{1:…}{2:…}{3:…}` before `{4:` is skipped; a `{4:` block
///   that the file ends inside, or that the next `{4:` starts inside, is a truncated message.
/// - Control characters (SOH/ETX framing, NUL, SUB) are dropped; tabs are kept.
enum MT940Tokenizer {
    static func tokens(_ text: String, fileName: String) throws(StatementParseError) -> [MT940Token] {
        var tokens: [MT940Token] = []
        var current: MT940Field?
        var blockStart: Int?
        var lineNumber = 0
        var lastNonBlankLine = 0

        func flush() {
            if let field = current { tokens.append(.field(field)) }
            current = nil
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            lineNumber += 1
            var line = Substring(clean(rawLine))
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            lastNonBlankLine = lineNumber

            // The SWIFT envelope: {1:…}{2:…}{3:…}{4: starts a message block.
            if isBlockHeader(line) {
                flush()
                guard let open = line.range(of: "{4:") else { continue }  // {1:}{2:} on their own line, a {5:} trailer
                if let start = blockStart {
                    throw StatementParseError(file: fileName, line: lineNumber, field: "{4:",
                                              reason: "a new message starts while the message block {4: opened at line \(start) "
                                                  + "has not been closed with -}: truncated message")
                }
                blockStart = lineNumber
                line = line[open.upperBound...]
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            }

            if line.first == "-" {
                flush()
                tokens.append(.endOfMessage(line: lineNumber))
                blockStart = nil
                // `-}{5:…}{1:…}{2:…}{4:` on one line: the next message's block starts here.
                if let open = line.range(of: "{4:") {
                    blockStart = lineNumber
                    line = line[open.upperBound...]
                    if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                } else {
                    continue
                }
            }

            if let (tag, value) = tagged(line) {
                flush()
                current = MT940Field(tag: tag, lines: [String(value)], line: lineNumber, lastLine: lineNumber)
            } else if current != nil {
                current?.lines.append(String(line))
                current?.lastLine = lineNumber
            }
            // else: text outside any field (bank headers between messages) is not part of a statement.
        }
        let last = current
        flush()
        if let start = blockStart {
            throw StatementParseError(file: fileName, line: lastNonBlankLine, field: last?.label ?? "{4:",
                                      reason: "the file ends inside the message block {4: opened at line \(start) "
                                          + "(no closing -}): truncated file")
        }
        return tokens
    }

    /// `:TAG:rest` → (`TAG`, `rest`).
    private static func tagged(_ line: Substring) -> (String, Substring)? {
        guard line.first == ":" else { return nil }
        let body = line.dropFirst()
        guard let colon = body.prefix(5).firstIndex(of: ":") else { return nil }
        let tag = body[..<colon]
        guard (2...4).contains(tag.count), tag.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else { return nil }
        return (String(tag), body[body.index(after: colon)...])
    }

    /// `{1:`, `{2:`, … `{5:` at the start of a line.
    private static func isBlockHeader(_ line: Substring) -> Bool {
        let head = Array(line.prefix(3))
        return head.count == 3 && head[0] == "{" && head[1].isASCII && head[1].isNumber && head[2] == ":"
    }

    /// The line without control characters other than tab.
    private static func clean(_ line: Substring) -> String {
        guard line.unicodeScalars.contains(where: isControl) else { return String(line) }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: line.unicodeScalars.filter { !isControl($0) })
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }
}
