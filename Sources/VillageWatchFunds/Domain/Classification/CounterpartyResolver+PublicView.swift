import VillageWatchCore

/// What a public page may show of a transaction's other side: organisations in full, people
/// masked — including a person the bank's free-text summary happens to name.
extension CounterpartyResolver {
    public func publicName(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "" }
        return resolve(name).kind.isOrganisation ? name : Masking.name(name)
    }

    public func publicAccount(_ account: String?, of name: String?) -> String {
        guard let account, !account.isEmpty else { return "" }
        return resolve(name).kind.isOrganisation ? account : Masking.number(account)
    }

    /// `text` with every name of the village's cadres, their relatives, its villagers and
    /// `others` (the line's own individual counterparty, however long, and its leading Chinese
    /// name when the bank added a note, as in 张三（鱼塘租金）) masked, and every run of eight or
    /// more digits (an ID or account number) shown as its last four.
    public func maskingPeople(in text: String, others: [String] = []) -> String {
        var text = text
        let names = others.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { [$0, String($0.prefix(while: Self.isHan))] }
        for name in Set(names).filter({ $0.count >= 2 }).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: name, with: Masking.name(name))
        }
        return Masking.numbers(in: Masking.names(in: text, isPerson: isPerson))
    }

    static func isHan(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    private func isPerson(_ candidate: String) -> Bool {
        cadres[candidate] != nil || relatives[candidate] != nil || villagers.contains(candidate)
    }
}
