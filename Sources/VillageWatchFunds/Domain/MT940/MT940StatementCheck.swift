import Foundation

/// What `MT940Validation.strict` asks of every statement: an account, both balances, and arithmetic that adds up (see there).
enum MT940StatementCheck {
    static func check(_ statement: MT940Statement, file: String) throws(StatementParseError) {
        let currency = statement.currency
        func money(_ minor: Int64) -> String { MT940Amount.format(minor, currency: currency) }

        guard statement.account?.isEmpty == false else {
            throw StatementParseError(file: file, line: statement.line, field: ":25:",
                                      reason: "the statement that starts at line \(statement.line) has no account identification (:25:)")
        }
        if statement.isInterimReport {
            for sum in statement.sums {
                let entries = statement.entries.filter { $0.isCredit != sum.isDebit }
                let total = entries.reduce(Int64(0)) { $0 &+ abs($1.amountMinor) }
                let kind = sum.isDebit ? "debit" : "credit"
                if entries.count != sum.count || total != sum.amountMinor || sum.currency != currency {
                    let announced = MT940Amount.format(sum.amountMinor, currency: sum.currency)
                    throw StatementParseError(
                        file: file, line: sum.line, field: ":\(sum.tag):",
                        reason: "the report announces \(entriesText(sum.count, kind)) totalling \(announced) "
                            + "but lists \(entriesText(entries.count, kind)) totalling \(money(total))")
                }
            }
            return
        }

        guard let opening = statement.opening else {
            throw StatementParseError(file: file, line: statement.line, field: ":60F:",
                                      reason: "the statement that starts at line \(statement.line) has no opening balance (:60F: or :60M:)")
        }
        guard let closing = statement.closing else {
            throw StatementParseError(file: file, line: statement.lastLine, field: ":62F:",
                                      reason: "truncated: the statement that starts at line \(statement.line) ends at line "
                                          + "\(statement.lastLine) without a closing balance (:62F: or :62M:)")
        }
        if let closingCurrency = closing.currency, closingCurrency != currency {
            throw StatementParseError(file: file, line: closing.line, field: ":\(closing.tag):",
                                      reason: "the closing balance is in \(closingCurrency), the opening balance in \(currency)")
        }
        var total: Int64 = 0
        for entry in statement.entries {
            let (sum, overflow) = total.addingReportingOverflow(entry.amountMinor)
            guard !overflow else {
                throw StatementParseError(file: file, line: entry.line, field: ":61:", reason: "the entries' total is too large")
            }
            total = sum
        }
        let (expected, overflow) = opening.amountMinor.addingReportingOverflow(total)
        if overflow || expected != closing.amountMinor {
            throw StatementParseError(
                file: file, line: closing.line, field: ":\(closing.tag):",
                reason: "the balances do not add up: opening balance \(money(opening.amountMinor)) on \(opening.date) "
                    + "plus \(entriesText(statement.entries.count)) totalling \(money(total)) is \(money(expected)), "
                    + "but the closing balance on \(closing.date) is \(money(closing.amountMinor)) "
                    + "(difference \(money(closing.amountMinor &- expected)))")
        }
    }

    /// `1 entry`, `3 debit entries`.
    private static func entriesText(_ count: Int, _ kind: String? = nil) -> String {
        "\(count) " + (kind.map { $0 + " " } ?? "") + (count == 1 ? "entry" : "entries")
    }
}
