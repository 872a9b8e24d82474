import Foundation

/// `:86:` in the German layout (DFÜ-Abkommen, used for SEPA by German and Polish banks): a
/// three-digit transaction code (Geschäftsvorfallcode) and `?NN` sub-fields.
///
/// - `?00` posting text, `?10` primanota, `?20`–`?29` and `?60`–`?63` the purpose
///   (Verwendungszweck) in 27-character pieces, joined with nothing in between;
/// - `?30` the counterparty's bank code or BIC, `?31` its account number or IBAN, `?32`/`?33`
///   its name, `?38` its IBAN (Polish banks);
/// - SEPA purposes carry identifiers (`EREF+` end-to-end reference, `KREF+`, `MREF+` mandate,
///   `CRED+` creditor id, `SVWZ+` remittance information, `ABWA+`/`ABWE+` ultimate parties, …),
///   found after the pieces are joined: an identifier may itself be split over two pieces
///   (`…034 S?25VWZ+ . SPOTIFY`).
///
/// The description is the `SVWZ+` remittance information when there is one, else the whole
/// purpose, else the posting text. The counterparty's account is `?38` when it is an IBAN, else
/// `?31` — prefixed with the `?30` bank code (`50060400/0847564700`) when `?31` is a domestic
/// account number and `?30` a numeric bank code, since the number alone is ambiguous.
struct MT940SubfieldText: Sendable {
    var transactionCode: String
    var subfields: [(key: Int, value: String)]
    var identifiers: [(key: String, value: String)]

    static let sepaIdentifiers = ["EREF", "KREF", "MREF", "CRED", "DEBT", "SVWZ", "ABWA", "ABWE", "IBAN", "BIC", "PURP",
                                  "MDAT", "SQTP", "ORCR", "ORMR", "DDAT", "COAS", "COAM", "OAMT", "RTRN"]

    init?(_ text: String) {
        let chars = Array(text)
        func isDigit(_ at: Int) -> Bool { at < chars.count && chars[at].isASCII && chars[at].isNumber }
        guard chars.count >= 6, isDigit(0), isDigit(1), isDigit(2), chars[3] == "?", isDigit(4), isDigit(5) else { return nil }
        transactionCode = String(chars[0..<3])
        subfields = []
        var key: Int?
        var start = 3
        var i = 3
        while i <= chars.count {
            let boundary = i == chars.count || (chars[i] == "?" && isDigit(i + 1) && isDigit(i + 2))
            if boundary {
                if let key { subfields.append((key, String(chars[start..<i]))) }
                guard i < chars.count else { break }
                key = Int(String(chars[i + 1...i + 2]))
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        identifiers = Self.split(purpose: subfields.filter { (20...29).contains($0.key) || (60...63).contains($0.key) }
            .map(\.value).joined())
    }

    /// The joined text of the sub-fields `keys`, in the order written.
    func text(_ keys: ClosedRange<Int>...) -> String {
        subfields.filter { field in keys.contains { $0.contains(field.key) } }.map(\.value).joined()
    }

    var purpose: String { text(20...29, 60...63) }

    var description: String {
        if let remittance = identifiers.first(where: { $0.key == "SVWZ" }).flatMap({ MT940Details.nonEmpty($0.value) }) {
            return remittance
        }
        return MT940Details.nonEmpty(purpose) ?? MT940Details.nonEmpty(text(0...0)) ?? ""
    }

    var counterpartyName: String? { MT940Details.nonEmpty(text(32...33)) }

    var counterpartyAccount: String? {
        if let iban = MT940Details.nonEmpty(text(38...38)), MT940Details.isIBAN(iban) { return iban }
        if let account = MT940Details.nonEmpty(text(31...31)) {
            if MT940Details.isIBAN(account) { return account }
            if let bank = MT940Details.nonEmpty(text(30...30)), bank.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return bank + "/" + account
            }
            return account
        }
        return identifiers.first { $0.key == "IBAN" }.flatMap { MT940Details.nonEmpty($0.value) }
    }

    /// `EREF+a MREF+b SVWZ+c` → [(EREF, "a "), (MREF, "b "), (SVWZ, "c")]; text before the first
    /// identifier has the key "".
    static func split(purpose: String) -> [(key: String, value: String)] {
        let chars = Array(purpose)
        var result: [(key: String, value: String)] = []
        var key = ""
        var start = 0
        var i = 0
        while i < chars.count {
            if chars[i].isASCII, chars[i].isUppercase, let found = sepaIdentifiers.first(where: { identifier in
                let end = i + identifier.count
                return end < chars.count && chars[end] == "+" && String(chars[i..<end]) == identifier
            }) {
                if i > start || !key.isEmpty { result.append((key, String(chars[start..<i]))) }
                key = found
                i += found.count + 1
                start = i
            } else {
                i += 1
            }
        }
        if start < chars.count || !key.isEmpty { result.append((key, String(chars[start...]))) }
        return result
    }
}
