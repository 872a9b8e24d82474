extension BankProfile {
    /// The currency of the amounts: a `column` (ISO codes or names such as 人民币, see
    /// `BankCurrencyNames`), else `fixed` (an ISO code), else `CNY`. A code written in the amount cell
    /// itself (`CNY 123.18`, `JPY 1000.00`) takes precedence over both.
    public struct CurrencySource: Codable, Sendable, Equatable {
        public var column: String?
        public var fixed: String?

        public init(column: String? = nil, fixed: String? = nil) {
            self.column = column
            self.fixed = fixed
        }
    }
}
