import Foundation

/// SWIFT MT940 customer statements and MT942 interim transaction reports.
///
/// Pure: bytes in, statements out. A file holds one or more messages, each optionally in the
/// SWIFT envelope (`{1:…}{2:…}{3:…}{4:` … `-}`), each one statement; see `MT940Tokenizer`,
/// `MT940StatementBuilder`, `MT940Entry`, `MT940Details` for what is read and how.
///
/// Every transaction's amount is signed (money in positive) in minor units of the statement's
/// currency; `bookedOn` is the `:61:` entry date (its year inferred from the value date), or the
/// value date when there is none; `valueOn` the value date; `reference` the bank's reference
/// (after `//`), else the customer's, `NONREF` being none.
///
/// Errors name the file, the line and the field (`:61:`).
///
/// `parse(_:fileName:)` returns what the file says, as upstream's reference implementation (the
/// oracle of the tests) does: it does not require balances to add up, since most of upstream's
/// fixtures are hand-edited fragments that do not (the same choice as `Camt053Parser.parse`).
/// An import must pass `validation: .strict`, which also treats a statement without its closing
/// balance as truncated and checks MT942's `:90D:`/`:90C:` against the entries.
public enum MT940Parser {
    /// The statements of an MT940/MT942 file as written (`MT940Validation.lenient`).
    public static func parse(_ data: Data, fileName: String) throws(StatementParseError) -> [ParsedStatement] {
        try parse(data, fileName: fileName, validation: .lenient)
    }

    /// The statements of an MT940/MT942 file; with `.strict` (what an import needs), every
    /// statement must be complete and add up.
    public static func parse(_ data: Data, fileName: String, validation: MT940Validation) throws(StatementParseError) -> [ParsedStatement] {
        try statements(data, fileName: fileName, validation: validation).map(\.parsed)
    }

    /// Whether `data` looks like MT940/MT942: one of the first lines (64 KiB) starts with a
    /// statement's tag (`:20:`, `:25:`, `:28C:`, `:60F:`, `:61:`, `:62F:`, `:13D:`, `:34F:`),
    /// possibly after `{4:`.
    public static func looksLikeMT940(_ data: Data) -> Bool {
        let tags = [":20:", ":25:", ":28:", ":28C:", ":60F:", ":60M:", ":61:", ":62F:", ":62M:", ":13D:", ":34F:"].map { Array($0.utf8) }
        let head = data.prefix(65_536)
        for rawLine in head.split(whereSeparator: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            var line = rawLine.drop { $0 < 0x20 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            if let open = line.firstRange(of: Array("{4:".utf8)) { line = line[open.upperBound...] }
            if tags.contains(where: { line.starts(with: $0) }) { return true }
        }
        return false
    }

    /// The statements as written (balances by tag, MT942 fields), for `parse` and for tests.
    static func statements(_ data: Data, fileName: String, validation: MT940Validation) throws(StatementParseError) -> [MT940Statement] {
        let text = MT940TextDecoder.decode(data)
        let tokens = try MT940Tokenizer.tokens(text, fileName: fileName)
        let statements = try MT940StatementBuilder.statements(tokens, file: fileName)
        guard !statements.isEmpty else {
            throw StatementParseError(file: fileName, reason: "no MT940/MT942 statement found (no :20:, :25:, :60F: or :61: field)")
        }
        if validation == .strict {
            for statement in statements { try MT940StatementCheck.check(statement, file: fileName) }
        }
        return statements
    }
}
