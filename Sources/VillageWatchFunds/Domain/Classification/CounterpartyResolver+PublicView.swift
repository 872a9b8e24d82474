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
    /// `others` masked, longest match first (names are two to four characters).
    public func maskingPeople(in text: String, others: [String] = []) -> String {
        let known = Set(others.filter { $0.count >= 2 })
        let characters = Array(text)
        var result = "", index = 0
        while index < characters.count {
            let match = (2...4).reversed().first { length in
                index + length <= characters.count && isPerson(String(characters[index ..< index + length]), or: known)
            }
            if let length = match {
                result += Masking.name(String(characters[index ..< index + length]))
                index += length
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    private func isPerson(_ candidate: String, or others: Set<String>) -> Bool {
        cadres[candidate] != nil || relatives[candidate] != nil || villagers.contains(candidate) || others.contains(candidate)
    }
}
