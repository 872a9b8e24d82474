import Foundation

/// What a statement line's `:86:` information says: the description, and the counterparty
/// when the layout names it.
///
/// Layouts:
/// - German/SEPA sub-fields (`166?00GUTSCHRIFT?100399?20EREF+…?21SVWZ+…?30DRESDEFF508?31DE14…?32KARL`),
///   read by `MT940SubfieldText`.
/// - `/`-structured text (Rabobank, ING and ABN AMRO SEPA layouts: `/EREF/…/BENM//NAME/…/REMI/…`),
///   read by `MT940SlashText`.
/// - Anything else is free text, kept line by line (joined with a line break, as upstream keeps
///   it). Knab's `REK: <IBAN>/NAAM: <name>` line names the counterparty.
///
/// Lines are taken as written with trailing blanks removed; the structured layouts are wrapped
/// at a fixed width, so their lines are joined with nothing in between (`CONTRA ACCOUN` + `T HOLDER`).
/// When no account is named and the `:61:` supplementary details are an IBAN (Rabobank puts the
/// counterparty's IBAN there), that IBAN is the counterparty's account; otherwise, when `:86:`
/// says nothing, the supplementary details are the description.
struct MT940Details: Sendable, Equatable {
    var description = ""
    var counterpartyName: String?
    var counterpartyAccount: String?
    /// References the text names, by key: `EREF` (end-to-end), `KREF` (customer), `MREF`
    /// (mandate), `PREF` (payment information), `MARF` (mandate); Rabobank's `:61:` then
    /// writes the key (`N102EREF`) where the customer's reference would be.
    var references: [String: String] = [:]

    static let referenceKeys = ["EREF", "KREF", "MREF", "PREF", "MARF"]

    static func read(_ information: [String], supplementaryDetails: String) -> MT940Details {
        var lines = information.map { line in
            var text = Substring(line)
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            return String(text)
        }.filter { !$0.isEmpty }
        if !lines.isEmpty { lines[0] = String(lines[0].drop { $0 == " " || $0 == "\t" }) }
        let compact = lines.joined()

        var details: MT940Details
        if let subfields = MT940SubfieldText(compact) {
            details = MT940Details(description: subfields.description, counterpartyName: subfields.counterpartyName,
                                   counterpartyAccount: subfields.counterpartyAccount)
            for (key, value) in subfields.identifiers where referenceKeys.contains(key) && details.references[key] == nil {
                details.references[key] = nonEmpty(value)
            }
        } else if let slashed = MT940SlashText(compact) {
            details = MT940Details(description: slashed.description ?? compact, counterpartyName: slashed.counterpartyName,
                                   counterpartyAccount: slashed.counterpartyAccount)
            for key in referenceKeys { details.references[key] = slashed.value(key) }
        } else {
            details = MT940Details(description: lines.joined(separator: "\n"))
            for line in lines where line.hasPrefix("REK: ") {
                let parts = line.dropFirst(5).components(separatedBy: "/NAAM: ")
                guard parts.count == 2 else { continue }
                details.counterpartyAccount = nonEmpty(parts[0])
                details.counterpartyName = nonEmpty(parts[1])
            }
        }
        if details.counterpartyAccount == nil, isIBAN(supplementaryDetails) {
            details.counterpartyAccount = supplementaryDetails
        } else if details.description.isEmpty {
            details.description = supplementaryDetails
        }
        return details
    }

    /// Two letters, two check digits, 11–30 letters or digits: the shape of an IBAN.
    static func isIBAN(_ text: some StringProtocol) -> Bool {
        let chars = Array(text)
        guard (15...34).contains(chars.count) else { return false }
        return chars[0..<2].allSatisfy { $0.isASCII && $0.isUppercase } && chars[2..<4].allSatisfy { $0.isASCII && $0.isNumber }
            && chars[4...].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    static func nonEmpty(_ text: some StringProtocol) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}
