extension BankProfile {
    /// Where a statement's account number comes from. The sources are tried in this order, and the
    /// first that gives a non-empty value wins (so a card-number column can fall back to the number in
    /// the preamble): `column` (per row, so one file can hold several accounts), `preamble` (a regular
    /// expression over the lines above the header, each line's cells joined by `,`; the first capture
    /// group is the account, e.g. `账号[:：]\\s*(\\d+)`), `fileName` (a regular expression over the file
    /// name, first capture group), `fixed`.
    public struct AccountSource: Codable, Sendable, Equatable {
        public var column: String?
        public var preamble: String?
        public var fileName: String?
        public var fixed: String?

        public init(column: String? = nil, preamble: String? = nil, fileName: String? = nil, fixed: String? = nil) {
            self.column = column
            self.preamble = preamble
            self.fileName = fileName
            self.fixed = fixed
        }
    }
}
