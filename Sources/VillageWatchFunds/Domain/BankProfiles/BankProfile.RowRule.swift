extension BankProfile {
    /// Conditions that must all hold for a row; in `directionRules` it also says the direction.
    ///
    /// `{"when": [{"column": "交易状态", "equals": "交易关闭"}]}` or
    /// `{"when": [{"column": "交易分类", "equals": "退款"}], "direction": "in"}`.
    public struct RowRule: Codable, Sendable, Equatable {
        public enum Direction: String, Codable, Sendable, Equatable {
            case `in`, out
        }

        public var when: [RowCondition]
        public var direction: Direction?

        public init(when: [RowCondition], direction: Direction? = nil) {
            self.when = when
            self.direction = direction
        }
    }
}
