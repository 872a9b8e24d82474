import Foundation

/// ISO 20022 camt.053 (bank-to-customer statement) in every message version from
/// camt.053.001.02 to .08: pure, no I/O.
///
/// The reader ignores namespaces and prefixes; the element names it reads are the same in all
/// those versions, and where .08 nests differently (`<Sts><Cd>`, `<Dbtr><Pty><Nm>`) both forms
/// are read. Each `<Stmt>` becomes one `ParsedStatement`; see `Camt053StatementReader` and
/// `Camt053EntryReader` for which elements fill which field.
///
/// `parse` does not require a statement's balances to add up: upstream's own samples, whose
/// parse is the oracle, include statements where they do not (closing balance in another
/// currency, opening + entries ≠ closing). `verifyBalances` checks it for callers that must.
public enum Camt053Parser {
    /// Every statement in the document, in document order.
    ///
    /// Fails with the line for malformed XML, with a clear reason for a document that is not a
    /// camt.053 statement message or has no `<Stmt>`, and with the element path and line for an
    /// amount, currency, indicator or date that cannot be read.
    public static func parse(_ data: Data, fileName: String) throws(StatementParseError) -> [ParsedStatement] {
        let root = try Camt053TreeBuilder.build(data, fileName: fileName)
        guard let message = root.firstDescendant(named: "BkToCstmrStmt") else {
            let inner = root.children.first.map { " containing <\($0.name)>" } ?? ""
            throw StatementParseError(file: fileName, line: root.line, field: root.name,
                                      reason: "not a camt.053 bank-to-customer statement: no <BkToCstmrStmt> in <\(root.name)>\(inner)")
        }
        let statements = message.children("Stmt")
        guard !statements.isEmpty else {
            throw StatementParseError(file: fileName, line: message.line, field: "BkToCstmrStmt",
                                      reason: "the camt.053 message contains no statement (<Stmt>)")
        }
        let reader = Camt053StatementReader(fields: Camt053FieldReader(fileName: fileName))
        var parsed: [ParsedStatement] = []
        parsed.reserveCapacity(statements.count)
        for (index, statement) in statements.enumerated() {
            parsed.append(try reader.statement(statement, path: "BkToCstmrStmt/Stmt[\(index + 1)]"))
        }
        return parsed
    }

    /// Whether `data` looks like a camt.053 document: XML whose first 64 KiB mention
    /// `BkToCstmrStmt`. Cheap; `parse` decides for real.
    public static func looksLikeCamt053(_ data: Data) -> Bool {
        let head = data.prefix(65_536)
        let text: String
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            guard let decoded = String(data: Data(head.prefix(head.count & ~1)), encoding: .utf16) else { return false }
            text = decoded
        } else {
            text = String(decoding: head, as: UTF8.self)
        }
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        return trimmed.hasPrefix("<") && trimmed.contains("BkToCstmrStmt")
    }

    /// Checks that every statement's opening balance plus its transactions gives its closing
    /// balance, and fails naming the statement and both figures when it does not. Statements
    /// without an opening or a closing balance are not checked.
    public static func verifyBalances(_ statements: [ParsedStatement], fileName: String) throws(StatementParseError) {
        for (index, statement) in statements.enumerated() {
            guard let opening = statement.openingBalance, let closing = statement.closingBalance else { continue }
            let field = "BkToCstmrStmt/Stmt[\(index + 1)]"
            let exponent = Camt053Money.exponent(of: statement.currency)
            func money(_ minor: Int64) -> String { Camt053Money.format(minor, exponent: exponent) + " " + statement.currency }
            func on(_ balance: ParsedBalance) -> String { balance.date.map { " on \($0)" } ?? "" }
            if let foreign = statement.transactions.first(where: { $0.currency != statement.currency }) {
                throw StatementParseError(file: fileName, field: field,
                                          reason: "balances cannot be checked: an entry is in \(foreign.currency) on a \(statement.currency) statement")
            }
            var total = opening.amountMinor
            for transaction in statement.transactions {
                let (sum, overflow) = total.addingReportingOverflow(transaction.amountMinor)
                guard !overflow else {
                    throw StatementParseError(file: fileName, field: field, reason: "the entries overflow a 64-bit amount")
                }
                total = sum
            }
            if total != closing.amountMinor {
                throw StatementParseError(
                    file: fileName, field: field,
                    reason: "balances do not add up: opening balance \(money(opening.amountMinor))\(on(opening)) plus "
                        + "\(statement.transactions.count) entries (\(money(total &- opening.amountMinor))) gives \(money(total)), "
                        + "but the closing balance is \(money(closing.amountMinor))\(on(closing))")
            }
        }
    }
}
