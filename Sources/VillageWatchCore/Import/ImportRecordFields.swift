/// One data row of a CSV file, addressed by canonical column name.
public struct ImportRecordFields: Sendable {
    public let line: Int
    let fields: [String]
    let index: [String: Int]

    /// The trimmed value, or "" when the column is absent or empty.
    public subscript(_ column: String) -> String {
        guard let i = index[column], i < fields.count else { return "" }
        return fields[i].trimmingSpaces
    }

    /// The trimmed value of a required column; an empty one is a row problem.
    public func required(_ column: String) throws(ImportRowProblem) -> String {
        let value = self[column]
        guard !value.isEmpty else { throw ImportRowProblem(field: column, reason: "必填字段为空 (required value is empty)") }
        return value
    }
}

/// Why one row cannot be imported.
public struct ImportRowProblem: Error, Sendable, Equatable {
    public let field: String?
    public let reason: String

    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }
}

import Foundation
