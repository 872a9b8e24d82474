import Foundation

/// Reads a bank statement in any supported format: a named mapping profile, or, when none is
/// named, whatever the content looks like — SWIFT MT940/MT942, ISO 20022 camt.053, or the
/// first mapping profile (the canonical CSV, Chinese banks' exports) whose header it finds.
public enum StatementReader {
    public enum Format: Sendable, Equatable, CustomStringConvertible {
        case mt940, camt053, profile(String)

        public var description: String {
            switch self {
            case .mt940: "SWIFT MT940/MT942"
            case .camt053: "ISO 20022 camt.053"
            case .profile(let name): "profile \(name)"
            }
        }
    }

    /// `strict` checks that balances add up (an import must); without it the parse shows what
    /// the file says.
    public static func parse(_ data: Data, fileName: String, profile name: String?, catalog: BankProfileCatalog,
                             strict: Bool) throws(StatementParseError) -> (format: Format, statements: [ParsedStatement]) {
        if let name {
            guard let profile = catalog.profile(named: name) else {
                throw StatementParseError(file: fileName, reason: "unknown profile '\(name)': expected one of \(catalog.profiles.map(\.name).joined(separator: ", "))")
            }
            return (.profile(name), try BankProfileReader.parse(data, fileName: fileName, profile: profile))
        }
        if MT940Parser.looksLikeMT940(data) {
            return (.mt940, try MT940Parser.parse(data, fileName: fileName, validation: strict ? .strict : .lenient))
        }
        if Camt053Parser.looksLikeCamt053(data) {
            let statements = try Camt053Parser.parse(data, fileName: fileName)
            if strict { try Camt053Parser.verifyBalances(statements, fileName: fileName) }
            return (.camt053, statements)
        }
        if let profile = catalog.detect(data, fileName: fileName) {
            return (.profile(profile.name), try BankProfileReader.parse(data, fileName: fileName, profile: profile))
        }
        throw StatementParseError(file: fileName, reason: "unrecognised statement: not MT940/MT942, not camt.053, and no bank profile's header found (use --profile NAME)")
    }
}
