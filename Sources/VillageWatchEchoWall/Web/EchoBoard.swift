import VillageWatchCore

/// An area's responsiveness table: the area's own figures and one row per town or village below
/// it (reply rate, on-time rate, average rating, reopen rate). The public wall, the village page
/// and the compliance dashboard show the same table.
struct EchoBoard {
    let total: EchoStats
    let rows: [(code: String, name: String, stats: EchoStats)]

    static func build(area: Area, items: EchoItemStore, database: Database) async throws -> EchoBoard {
        let byVillage = try await items.statsByVillage(within: area.code)
        let children = area.code.level == .village ? [] : try await database.read { try await AreaStore($0).children(of: area.code) }
        let rows = children.map { child in
            (child.code.text, child.name, byVillage.filter { child.code.contains(AreaCode($0.key)!) }.values.reduce(EchoStats(), +))
        }
        return EchoBoard(total: byVillage.values.reduce(EchoStats(), +), rows: rows)
    }

    /// For templates (`echo-board`), each row linking to `href(code)`.
    func values(_ href: (String) -> String) -> [String: Any] {
        ["total": total.values, "hasRows": !rows.isEmpty,
         "rows": rows.map { row -> [String: Any] in row.stats.values.merging(["href": href(row.code), "name": row.name]) { $1 } }]
    }

    static func publicWall(_ code: String) -> String { "/areas/\(code)/echo" }
    static func adminBoard(_ code: String) -> String { "/admin/echo/board?area=\(code)" }
}
