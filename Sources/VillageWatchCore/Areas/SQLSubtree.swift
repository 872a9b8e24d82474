import SQLKit

/// `column` lies in the subtree of `area`, as an index-friendly range on the code:
/// `column >= '440882101' AND column < '440882102'`.
///
/// A range (rather than `LIKE '440882101%'`) uses an ordinary B-tree index on both engines
/// whatever the collation, since codes are digit strings.
public struct SQLSubtree: SQLExpression {
    public let column: String
    public let area: AreaCode

    public init(_ column: String, of area: AreaCode) {
        self.column = column
        self.area = area
    }

    public func serialize(to serializer: inout SQLSerializer) {
        // `table.column` when qualified.
        let parts = column.split(separator: ".", maxSplits: 1).map(String.init)
        let column = parts.count == 2 ? SQLColumn(parts[1], table: parts[0]) : SQLColumn(self.column)
        SQLGroupExpression(SQLBinaryExpression(
            SQLBinaryExpression(column, .greaterThanOrEqual, SQLBind(area.subtreePrefix)), .and,
            SQLBinaryExpression(column, .lessThan, SQLBind(area.subtreeUpperBound))
        )).serialize(to: &serializer)
    }
}

extension AreaCode {
    /// The smallest digit string greater than every code of the subtree: the prefix with its last
    /// non-9 digit incremented and the trailing 9s dropped (`440882199` → `4408822`).
    public var subtreeUpperBound: String {
        var digits = Array(subtreePrefix.utf8)
        while let last = digits.last, last == UInt8(ascii: "9") { digits.removeLast() }
        guard !digits.isEmpty else { return ":" }
        digits[digits.count - 1] += 1
        return String(decoding: digits, as: UTF8.self)
    }
}

extension AreaCode {
    /// The same condition as `SQLSubtree`, as SQL text for `Database.scan` (which takes no binds);
    /// the bounds are digit strings, so inlining them is safe.
    public func subtreeCondition(_ column: String) -> String {
        "(\(column) >= '\(subtreePrefix)' AND \(column) < '\(subtreeUpperBound)')"
    }

    /// Its complement, as two ranges an index can serve (`NOT` of the above would scan).
    public func outsideSubtreeCondition(_ column: String) -> String {
        "(\(column) < '\(subtreePrefix)' OR \(column) >= '\(subtreeUpperBound)')"
    }
}
