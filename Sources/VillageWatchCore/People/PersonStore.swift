import SQLKit

/// Reads of the household registry. Callers have already passed the access check for the
/// area they ask about.
public struct PersonStore {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func person(_ idNumber: String) async throws -> Person? {
        try await db.select().column("*").from("persons").where("id_number", .equal, SQLBind(idNumber)).first().map(decode)
    }

    /// Members of a household registered inside `area` (a household id could be reused
    /// elsewhere; members outside the caller's area are never listed).
    public func household(_ householdID: String, within area: AreaCode) async throws -> [Person] {
        try await db.select().column("*").from("persons").where("household_id", .equal, SQLBind(householdID))
            .where(SQLSubtree("group_code", of: area)).orderBy("birth_date").all().map(decode)
    }

    /// A page of the registry of an area (village or group), ordered by household.
    public func persons(in area: AreaCode, limit: Int, offset: Int) async throws -> [Person] {
        try await db.select().column("*").from("persons").where(SQLSubtree("group_code", of: area))
            .orderBy("household_id").orderBy("id_number").limit(limit).offset(offset).all().map(decode)
    }

    /// The names of the people registered in `villages` (for masking them in free text); one
    /// indexed range per village.
    public func names(inVillages villages: some Sequence<AreaCode>) async throws -> Set<String> {
        var names = Set<String>()
        for village in Set(villages) {
            names.formUnion(try await db.select().column("name").from("persons").where(SQLSubtree("group_code", of: village))
                .all(decodingColumn: "name", as: String.self))
        }
        return names
    }

    public func statistics(in area: AreaCode) async throws -> RegistryStatistics {
        let row = try await db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "persons")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("household_id"))), as: "households")
            .column(SQLFunction("COUNT", args: SQLColumn("id_problem")), as: "invalid")
            .from("persons").where(SQLSubtree("group_code", of: area)).first()
        return RegistryStatistics(persons: try row?.decode(column: "persons", as: Int.self) ?? 0,
                                  households: try row?.decode(column: "households", as: Int.self) ?? 0,
                                  invalidIDNumbers: try row?.decode(column: "invalid", as: Int.self) ?? 0)
    }

    func decode(_ row: any SQLRow) throws -> Person {
        let group = try row.decode(column: "group_code", as: String.self)
        guard let groupCode = AreaCode(group) else { throw AreaStoreError.corruptCode(group) }
        return Person(
            idNumber: try row.decode(column: "id_number", as: String.self), idProblem: try row.decode(column: "id_problem", as: String?.self),
            name: try row.decode(column: "name", as: String.self), householdID: try row.decode(column: "household_id", as: String.self),
            groupCode: groupCode, relationToHead: try row.decode(column: "relation_to_head", as: String?.self),
            gender: try row.decode(column: "gender", as: String?.self), phone: try row.decode(column: "phone", as: String?.self),
            birthDate: try row.decode(column: "birth_date", as: String?.self))
    }
}

public struct RegistryStatistics: Sendable, Hashable, Codable {
    public let persons: Int
    public let households: Int
    public let invalidIDNumbers: Int
}
