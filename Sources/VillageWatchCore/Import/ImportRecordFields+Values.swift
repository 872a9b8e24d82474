/// Typed reads of a record's fields, each refusing bad input with the one message every dataset
/// uses for that kind of value, naming the column.
extension ImportRecordFields {
    public func date(_ column: String) throws(ImportRowProblem) -> CalendarDate {
        let text = try required(column)
        guard let date = CalendarDate(parsing: text) else {
            throw ImportRowProblem(field: column, reason: "日期格式应为 YYYY-MM-DD (not a date) '\(text)'")
        }
        return date
    }

    /// An optional date: `nil` when the cell is empty.
    public func optionalDate(_ column: String) throws(ImportRowProblem) -> CalendarDate? {
        self[column].isEmpty ? nil : try date(column)
    }

    /// A period `YYYY-MM`, stored as that text.
    public func period(_ column: String) throws(ImportRowProblem) -> String {
        let text = try required(column)
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count), let year = Int(parts[0]), let month = Int(parts[1]),
              let first = CalendarDate(year: year, month: month, day: 1) else {
            throw ImportRowProblem(field: column, reason: "期间格式应为 YYYY-MM (not a period) '\(text)'")
        }
        return String(first.description.prefix(7))
    }

    /// Yuan, as integer fen; `positive` refuses zero and negative amounts.
    public func amount(_ column: String, positive: Bool = true) throws(ImportRowProblem) -> Int64 {
        let text = try required(column)
        guard let fen = Fen(yuan: text)?.value, !positive || fen > 0 else {
            throw ImportRowProblem(field: column, reason: "金额应为\(positive ? "正的" : "")元金额，最多两位小数 (not an amount) '\(text)'")
        }
        return fen
    }

    /// An optional yuan amount, as fen.
    public func optionalAmount(_ column: String) throws(ImportRowProblem) -> Int64? {
        self[column].isEmpty ? nil : try amount(column, positive: false)
    }

    /// A decimal quantity (亩) with up to two decimals, as hundredths.
    public func optionalHundredths(_ column: String) throws(ImportRowProblem) -> Int64? {
        let text = self[column]
        guard !text.isEmpty else { return nil }
        guard let value = Fen(yuan: text)?.value, value >= 0, !text.contains("¥"), !text.contains("￥") else {
            throw ImportRowProblem(field: column, reason: "应为不小于 0 的数，最多两位小数 (not a quantity) '\(text)'")
        }
        return value
    }

    /// A required quantity (亩), as hundredths.
    public func hundredths(_ column: String) throws(ImportRowProblem) -> Int64 {
        _ = try required(column)
        return try optionalHundredths(column) ?? 0
    }

    /// `true`/`false`, also 是/否 and 1/0.
    public func flag(_ column: String) throws(ImportRowProblem) -> Bool {
        let text = try required(column).lowercased()
        switch text {
        case "true", "1", "是", "yes": return true
        case "false", "0", "否", "no": return false
        default: throw ImportRowProblem(field: column, reason: "应为 true 或 false (not a yes/no value) '\(text)'")
        }
    }

    /// An ID number, kept even when invalid (GB 11643), with the warning for the report.
    public func idNumber(_ column: String) throws(ImportRowProblem) -> (id: IDNumber, warning: String?) {
        let id = IDNumber(try required(column))
        return (id, id.problem.map { IDNumberWarning.text(id, $0) })
    }
}
