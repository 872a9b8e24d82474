extension BankProfile {
    /// The column that says whether an unsigned `amount` is money in or out, with the values meaning
    /// each (compared after trimming; `match` says how: `equals`, `prefix` or `contains`), and what to do
    /// with any other value: `error` (the default), `skip`, `in` or `out`.
    public struct DirectionSpec: Codable, Sendable, Equatable {
        public enum Match: String, Codable, Sendable, Equatable {
            case equals, prefix, contains
        }

        public enum Otherwise: String, Codable, Sendable, Equatable {
            case error, skip, `in`, out
        }

        public var column: String
        public var `in`: [String]
        public var out: [String]
        public var match: Match?
        public var otherwise: Otherwise?

        public init(column: String, in inValues: [String] = ["贷", "收", "收入", "存", "存入", "来账"],
                    out outValues: [String] = ["借", "支", "支出", "取", "取出", "往账"], match: Match? = nil, otherwise: Otherwise? = nil) {
            self.column = column
            self.in = inValues
            self.out = outValues
            self.match = match
            self.otherwise = otherwise
        }

        /// true = in, false = out, nil = neither.
        func classify(_ value: String) -> Bool? {
            func hit(_ candidates: [String]) -> Bool {
                candidates.contains { candidate in
                    switch match ?? .equals {
                    case .equals: return value == candidate
                    case .prefix: return value.hasPrefix(candidate)
                    case .contains: return value.contains(candidate)
                    }
                }
            }
            if hit(self.in) { return true }
            if hit(out) { return false }
            return nil
        }
    }
}
