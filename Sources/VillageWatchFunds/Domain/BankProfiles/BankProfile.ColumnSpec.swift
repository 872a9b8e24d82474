extension BankProfile {
    /// One column, or several whose values are joined (or the first non-empty one taken).
    ///
    /// In JSON either a string, `"对方户名"`, or an object:
    /// `{"columns": ["摘要", "用途"], "separator": " "}` (join the non-empty values) or
    /// `{"columns": ["对方户名", "交易场所"], "combine": "first"}` (the first non-empty value).
    public struct ColumnSpec: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
        public enum Combine: String, Codable, Sendable, Equatable {
            case join, first
        }

        public var columns: [String]
        public var combine: Combine
        public var separator: String

        public init(columns: [String], combine: Combine = .join, separator: String = " ") {
            self.columns = columns
            self.combine = combine
            self.separator = separator
        }

        public init(stringLiteral value: String) {
            self.init(columns: [value])
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case columns, combine, separator
        }

        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer().decode(String.self) {
                self.init(columns: [single])
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(columns: try c.decode([String].self, forKey: .columns),
                      combine: try c.decodeIfPresent(Combine.self, forKey: .combine) ?? .join,
                      separator: try c.decodeIfPresent(String.self, forKey: .separator) ?? " ")
        }

        public func encode(to encoder: any Encoder) throws {
            if columns.count == 1 && combine == .join && separator == " " {
                var c = encoder.singleValueContainer()
                try c.encode(columns[0])
            } else {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(columns, forKey: .columns)
                try c.encode(combine, forKey: .combine)
                try c.encode(separator, forKey: .separator)
            }
        }
    }
}
