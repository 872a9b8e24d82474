import Foundation

/// `:86:` as `/KEY/value` pairs: the SEPA layouts of Rabobank (`/EREF/…/BENM//NAME/…/REMI/…/ISDT/…`),
/// ING (`/CNTP/<IBAN>/<BIC>/<name>/<city>/…/REMI/USTD//…/`) and ABN AMRO
/// (`/TRTP/SEPA OVERBOEKING/IBAN/…/BIC/…/NAME/…/REMI/…/EREF/…`).
///
/// Only known keys split the text, so a value may contain `/` (`/NAME/A/B TRADING/`). A key may
/// have an empty value (`/BENM//NAME/`: the beneficiary's sub-fields follow).
/// - description: `/REMI/` (its `USTD//` or `STRD/CUR/` prefix dropped), `nil` when empty;
/// - counterparty name: `/NAME/`, else the third part of `/CNTP/`;
/// - counterparty account: `/IBAN/`, else the first part of `/CNTP/`.
struct MT940SlashText: Sendable {
    var fields: [(key: String, value: String)]

    static let keys: Set<String> = [
        "ACCW", "ADDR", "BENM", "BIC", "BUSP", "CDTRREF", "CDTRREFTP", "CHGS", "CNTP", "CODE", "CSID", "EREF", "EXCH", "FX",
        "IBAN", "ID", "ISDT", "ISSR", "MARF", "NAME", "NRTX", "OCMT", "ORDP", "PREF", "PURP", "REMI", "RTRN", "SVCL", "TRTP",
        "ULTB", "ULTC", "ULTD",
    ]

    init?(_ text: String) {
        let chars = Array(text)
        var found: [(key: String, keyStart: Int, valueStart: Int)] = []
        var i = 0
        while i < chars.count {
            if chars[i] == "/", let close = chars[(i + 1)...].prefix(10).firstIndex(of: "/") {
                let key = String(chars[(i + 1)..<close])
                if Self.keys.contains(key) {
                    found.append((key, i, close + 1))
                    i = close  // the closing slash may open the next key: `/BENM//NAME/`
                    continue
                }
            }
            i += 1
        }
        guard let first = found.first, first.keyStart == 0 else { return nil }
        fields = found.indices.map { index in
            let end = index + 1 < found.count ? found[index + 1].keyStart : chars.count
            let value = found[index].valueStart < end ? String(chars[found[index].valueStart..<end]) : ""
            return (found[index].key, value)
        }
    }

    func value(_ key: String) -> String? {
        fields.first { $0.key == key }.flatMap { MT940Details.nonEmpty(trimSlashes($0.value)) }
    }

    var description: String? {
        guard var remittance = fields.first(where: { $0.key == "REMI" })?.value else { return nil }
        for prefix in ["USTD//", "STRD/CUR/", "USTD/", "STRD/"] where remittance.hasPrefix(prefix) {
            remittance.removeFirst(prefix.count)
            break
        }
        return MT940Details.nonEmpty(trimSlashes(remittance))
    }

    var counterpartyName: String? {
        value("NAME") ?? contraParty(2)
    }

    var counterpartyAccount: String? {
        value("IBAN") ?? contraParty(0)
    }

    /// ING's `/CNTP/<IBAN>/<BIC>/<name>/<city>/`.
    private func contraParty(_ index: Int) -> String? {
        guard let party = fields.first(where: { $0.key == "CNTP" })?.value else { return nil }
        let parts = party.split(separator: "/", omittingEmptySubsequences: false)
        return index < parts.count ? MT940Details.nonEmpty(parts[index]) : nil
    }

    private func trimSlashes(_ text: String) -> String {
        var text = Substring(text)
        while text.first == "/" { text = text.dropFirst() }
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}
