import SQLKit
import VillageWatchCore

/// Loads the names a village's counterparties are resolved against.
public enum CounterpartyDirectory {
    public static func resolver(for village: AreaCode, _ db: any SQLDatabase) async throws -> CounterpartyResolver {
        var cadres: [String: String] = [:]
        for row in try await db.select().columns("name", "position").from("cadres").where("village_code", .equal, SQLBind(village.text)).all() {
            cadres[try row.decode(column: "name", as: String.self)] = try row.decode(column: "position", as: String.self)
        }
        var relatives: [String: String] = [:]
        for row in try await db.select().columns("relative_name", "relationship").from("relatives")
            .where("village_code", .equal, SQLBind(village.text)).all() {
            relatives[try row.decode(column: "relative_name", as: String.self)] = try row.decode(column: "relationship", as: String.self)
        }
        let villagers = Set(try await db.select().column("name").from("persons").where(SQLSubtree("group_code", of: village))
            .all(decodingColumn: "name", as: String.self))
        return CounterpartyResolver(cadres: cadres, relatives: relatives, villagers: villagers)
    }
}
