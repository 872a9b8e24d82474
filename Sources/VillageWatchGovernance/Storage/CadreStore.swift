import SQLKit
import VillageWatchCore

/// Reads of cadres and their declarations. Callers have passed the access check for the area.
public struct CadreStore {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// Cadres of a village, in the order a village page lists positions.
    public func cadres(of village: AreaCode) async throws -> [Cadre] {
        try await db.select().column("*").from("cadres").where("village_code", .equal, SQLBind(village.text))
            .all().map(decode)
            .sorted { (CadrePosition.rank($0.position), $1.termStart) < (CadrePosition.rank($1.position), $0.termStart) }
    }

    /// Cadres serving on `date` in a village.
    public func serving(in village: AreaCode, on date: String) async throws -> [Cadre] {
        try await cadres(of: village).filter { $0.serves(on: date) }
    }

    public func positions(of idNumber: String) async throws -> [Cadre] {
        try await db.select().column("*").from("cadres").where("id_number", .equal, SQLBind(idNumber)).all().map(decode)
    }

    public func relatives(declaredBy cadreIDNumber: String) async throws -> [DeclaredRelative] {
        try await db.select().column("*").from("relatives").where("cadre_id_number", .equal, SQLBind(cadreIDNumber))
            .orderBy("relationship").all().map(decodeRelative)
    }

    /// Declarations in which this person is named as a cadre's relative.
    public func declarations(naming idNumber: String) async throws -> [DeclaredRelative] {
        try await db.select().column("*").from("relatives").where("relative_id_number", .equal, SQLBind(idNumber))
            .all().map(decodeRelative)
    }

    public func count(in area: AreaCode) async throws -> (cadres: Int, relatives: Int) {
        let cadres = try await db.select().column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("id_number"))), as: "n").from("cadres")
            .where(SQLSubtree("village_code", of: area)).first(decodingColumn: "n", as: Int.self) ?? 0
        let relatives = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("relatives")
            .where(SQLSubtree("village_code", of: area)).first(decodingColumn: "n", as: Int.self) ?? 0
        return (cadres, relatives)
    }

    private func decode(_ row: any SQLRow) throws -> Cadre {
        let village = try row.decode(column: "village_code", as: String.self)
        guard let villageCode = AreaCode(village) else { throw AreaStoreError.corruptCode(village) }
        return Cadre(idNumber: try row.decode(column: "id_number", as: String.self), idProblem: try row.decode(column: "id_problem", as: String?.self),
                     name: try row.decode(column: "name", as: String.self), villageCode: villageCode,
                     position: try row.decode(column: "position", as: String.self), termStart: try row.decode(column: "term_start", as: String.self),
                     termEnd: try row.decode(column: "term_end", as: String?.self))
    }

    private func decodeRelative(_ row: any SQLRow) throws -> DeclaredRelative {
        let village = try row.decode(column: "village_code", as: String.self)
        guard let villageCode = AreaCode(village) else { throw AreaStoreError.corruptCode(village) }
        return DeclaredRelative(cadreIDNumber: try row.decode(column: "cadre_id_number", as: String.self),
                         relativeIDNumber: try row.decode(column: "relative_id_number", as: String.self),
                         relativeIDProblem: try row.decode(column: "relative_id_problem", as: String?.self),
                         relativeName: try row.decode(column: "relative_name", as: String.self),
                         relationship: try row.decode(column: "relationship", as: String.self), villageCode: villageCode)
    }
}
