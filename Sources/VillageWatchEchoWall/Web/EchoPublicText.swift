import VillageWatchCore

/// What public pages and Open311 show of items' text: the numbers in it masked, and the names
/// of the people registered in the items' villages; nothing of a report about a cadre, whose text
/// stays with the supervision officers.
struct EchoPublicText {
    let names: Set<String>

    static func load(for items: [StoredEchoItem], database: Database) async throws -> EchoPublicText {
        let villages = items.filter { !$0.kind.isCadreReport }.map(\.village)
        return EchoPublicText(names: try await database.read { try await PersonStore($0).names(inVillages: villages) })
    }

    func text(of item: StoredEchoItem) -> String? {
        item.kind.isCadreReport ? nil : Masking.numbers(in: Masking.names(in: item.text, isPerson: names.contains))
    }
}
