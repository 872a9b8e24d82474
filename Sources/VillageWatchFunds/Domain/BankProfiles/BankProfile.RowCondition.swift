import Foundation

extension BankProfile {
    /// A test on one cell of a row (trimmed): exactly one of `equals`, `prefix`, `contains`,
    /// `matches` (a regular expression) or `empty` (true: the cell is empty or a placeholder such as
    /// `--`; false: it is not).
    public struct RowCondition: Codable, Sendable, Equatable {
        public var column: String
        public var equals: String?
        public var prefix: String?
        public var contains: String?
        public var matches: String?
        public var empty: Bool?

        public init(column: String, equals: String? = nil, prefix: String? = nil, contains: String? = nil, matches: String? = nil,
                    empty: Bool? = nil) {
            self.column = column
            self.equals = equals
            self.prefix = prefix
            self.contains = contains
            self.matches = matches
            self.empty = empty
        }

        func problem() -> String? {
            let tests = [equals != nil, prefix != nil, contains != nil, matches != nil, empty != nil].filter { $0 }.count
            if tests != 1 { return "a condition on '\(column)' needs exactly one of equals, prefix, contains, matches, empty" }
            if let matches, (try? NSRegularExpression(pattern: matches)) == nil {
                return "'\(matches)' is not a regular expression"
            }
            return nil
        }

        /// `value` is the trimmed cell; `isEmpty` whether it counts as empty.
        func holds(for value: String, isEmpty: Bool) -> Bool {
            if let equals { return value == equals }
            if let prefix { return value.hasPrefix(prefix) }
            if let contains { return value.contains(contains) }
            if let matches {
                guard let regex = try? NSRegularExpression(pattern: matches) else { return false }
                return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            }
            if let empty { return empty == isEmpty }
            return false
        }
    }
}
