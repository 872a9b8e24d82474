extension BankProfile {
    /// Where the year of dates written without one (`MM/dd`) comes from: a `column` holding the year
    /// (or a full date), a regular expression over the `preamble` lines or over the `fileName`, whose
    /// first capture group is the year and whose optional second group is the statement's month.
    /// With a month, a row whose month is later than the statement's month belongs to the year before
    /// (a January bill lists December purchases).
    public struct YearSource: Codable, Sendable, Equatable {
        public var column: String?
        public var preamble: String?
        public var fileName: String?

        public init(column: String? = nil, preamble: String? = nil, fileName: String? = nil) {
            self.column = column
            self.preamble = preamble
            self.fileName = fileName
        }
    }
}
