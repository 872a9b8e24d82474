extension BankProfile {
    /// The file format a bank exports.
    public enum Format: String, Codable, Sendable, Equatable {
        case csv, xlsx
    }
}
