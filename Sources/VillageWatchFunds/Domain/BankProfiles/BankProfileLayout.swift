import Foundation
import VillageWatchCore

/// A profile matched against one file's header row: every column the profile names, as a position,
/// and how to read cells. Building it fails, naming the column, if the header lacks a mapped column.
struct BankProfileLayout {
    struct Spec {
        var indices: [Int]
        var names: [String]
        var combine: BankProfile.ColumnSpec.Combine
        var separator: String
        /// The first column's name, for error messages.
        var name: String { names.first ?? "" }
    }

    struct Condition {
        var index: Int
        var condition: BankProfile.RowCondition
    }

    let profile: BankProfile
    let fileName: String
    let headerLine: Int
    let headerWidth: Int
    private let columns: [String: Int]
    private let emptyValues: Set<String>

    let bookedOn: Spec
    let bookedTime: Spec?
    let valueOn: Spec?
    let signedAmount: Spec?
    let credit: Spec?
    let debit: Spec?
    let amount: Spec?
    let directionColumn: (index: Int, name: String)?
    let balance: Spec?
    let counterpartyName: Spec?
    let counterpartyAccount: Spec?
    let reference: Spec?
    let description: Spec?
    let accountColumn: (index: Int, name: String)?
    let currencyColumn: (index: Int, name: String)?
    let yearColumn: (index: Int, name: String)?
    let skipRules: [[Condition]]
    let directionRules: [(conditions: [Condition], direction: BankProfile.RowRule.Direction)]

    init(profile: BankProfile, header: CSVRecord, fileName: String) throws(StatementParseError) {
        self.profile = profile
        self.fileName = fileName
        headerLine = header.line
        headerWidth = header.fields.count
        emptyValues = profile.effectiveEmptyValues
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = BankProfile.normalizedName(name)
            if !key.isEmpty, columns[key] == nil { columns[key] = index }
        }
        self.columns = columns

        func column(_ name: String) throws(StatementParseError) -> Int {
            guard let index = columns[BankProfile.normalizedName(name)] else {
                throw StatementParseError(file: fileName, line: header.line, field: name,
                                          reason: "column not in the header row (profile \(profile.name))")
            }
            return index
        }
        func spec(_ spec: BankProfile.ColumnSpec?) throws(StatementParseError) -> Spec? {
            guard let spec else { return nil }
            var indices: [Int] = []
            for name in spec.columns { indices.append(try column(name)) }
            return Spec(indices: indices, names: spec.columns, combine: spec.combine, separator: spec.separator)
        }
        func named(_ name: String?) throws(StatementParseError) -> (index: Int, name: String)? {
            guard let name else { return nil }
            return (try column(name), name)
        }
        func conditions(_ rule: BankProfile.RowRule) throws(StatementParseError) -> [Condition] {
            var out: [Condition] = []
            for condition in rule.when { out.append(Condition(index: try column(condition.column), condition: condition)) }
            return out
        }

        bookedOn = try spec(profile.bookedOn)!
        bookedTime = try spec(profile.bookedTime)
        valueOn = try spec(profile.valueOn)
        signedAmount = try spec(profile.signedAmount)
        credit = try spec(profile.credit)
        debit = try spec(profile.debit)
        amount = try spec(profile.amount)
        directionColumn = try named(profile.direction?.column)
        balance = try spec(profile.balance)
        counterpartyName = try spec(profile.counterpartyName)
        counterpartyAccount = try spec(profile.counterpartyAccount)
        reference = try spec(profile.reference)
        description = try spec(profile.description)
        accountColumn = try named(profile.account?.column)
        currencyColumn = try named(profile.currency?.column)
        yearColumn = try named(profile.yearFrom?.column)
        var skipRules: [[Condition]] = []
        for rule in profile.skipRows ?? [] { skipRules.append(try conditions(rule)) }
        self.skipRules = skipRules
        var directionRules: [(conditions: [Condition], direction: BankProfile.RowRule.Direction)] = []
        for rule in profile.directionRules ?? [] {
            if let direction = rule.direction { directionRules.append((try conditions(rule), direction)) }
        }
        self.directionRules = directionRules
    }

    // MARK: - Cells

    /// The trimmed cell (tabs and spaces that exports pad with removed); "" past the row's end.
    func cell(_ row: CSVRecord, _ index: Int) -> String {
        index < row.fields.count ? row.fields[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }

    /// Whether a trimmed value means "nothing": empty, a placeholder from the profile's `emptyValues`,
    /// or only dashes (`-------------------`).
    func isEmpty(_ value: String) -> Bool {
        value.isEmpty || emptyValues.contains(value) || value.allSatisfy { $0 == "-" }
    }

    /// The value of a column, nil when empty.
    func value(_ row: CSVRecord, _ index: Int) -> String? {
        let text = cell(row, index)
        return isEmpty(text) ? nil : text
    }

    /// The value of a spec: its non-empty values joined, or the first non-empty one; nil when all are empty.
    func value(_ row: CSVRecord, _ spec: Spec?) -> String? {
        guard let spec else { return nil }
        let values = spec.indices.compactMap { value(row, $0) }
        guard !values.isEmpty else { return nil }
        switch spec.combine {
        case .first: return values[0]
        case .join: return values.joined(separator: spec.separator)
        }
    }

    func holds(_ conditions: [Condition], for row: CSVRecord) -> Bool {
        conditions.allSatisfy { item in
            let text = cell(row, item.index)
            return item.condition.holds(for: text, isEmpty: isEmpty(text))
        }
    }

    /// A row with nothing but blanks and placeholders.
    func isBlank(_ row: CSVRecord) -> Bool {
        row.fields.allSatisfy { isEmpty($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// A row that is the header again (exports that repeat it on every page).
    func isRepeatedHeader(_ row: CSVRecord) -> Bool {
        let cells = Set(row.fields.map(BankProfile.normalizedName))
        return profile.headerMarkers.allSatisfy { cells.contains(BankProfile.normalizedName($0)) }
    }

    /// A total line (合计, 总计): its first non-blank cell contains a footer marker.
    func isFooter(_ row: CSVRecord) -> Bool {
        guard let first = row.fields.lazy.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }).first(where: { !$0.isEmpty }) else {
            return false
        }
        return profile.effectiveFooterMarkers.contains { first.contains($0) }
    }
}
