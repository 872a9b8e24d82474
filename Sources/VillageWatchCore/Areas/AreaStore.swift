import SQLKit

/// Reads of the area hierarchy. Areas are few (a county has a few thousand), so listings are
/// simple indexed queries; subtree membership uses the code prefix (see `AreaCode`).
public struct AreaStore {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func area(_ code: AreaCode) async throws -> Area? {
        try await db.select().columns("code", "name", "parent_code").from("areas")
            .where("code", .equal, SQLBind(code.text)).first().map(decode)
    }

    public func children(of code: AreaCode) async throws -> [Area] {
        try await db.select().columns("code", "name", "parent_code").from("areas")
            .where("parent_code", .equal, SQLBind(code.text)).orderBy("code").all().map(decode)
    }

    /// The names of `codes`, keyed by code text (for listings that show many areas' names).
    public func names(of codes: some Sequence<AreaCode>) async throws -> [String: String] {
        let unique = Array(Set(codes.map(\.text)))
        guard !unique.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await db.select().columns("code", "name").from("areas").where("code", .in, unique).all().map {
            (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self))
        })
    }

    /// The chain from the county down to `code`, for breadcrumbs.
    public func ancestry(of code: AreaCode) async throws -> [Area] {
        let codes = [code.county, code.town, code.village, code]
            .compactMap { $0 }.filter { $0.level <= code.level }
        var seen = Set<AreaCode>()
        let unique = codes.filter { seen.insert($0).inserted }
        let rows = try await db.select().columns("code", "name", "parent_code").from("areas")
            .where("code", .in, unique.map(\.text)).all().map(decode)
        return rows.sorted { $0.level < $1.level }
    }

    public func counts(below code: AreaCode) async throws -> AreaCounts {
        let rows = try await db.select().column("level").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("areas")
            .where(SQLSubtree("code", of: code)).where("code", .notEqual, SQLBind(code.text))
            .groupBy("level").all()
        var counts = AreaCounts()
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            switch AreaLevel(rawValue: try row.decode(column: "level", as: String.self)) {
            case .town: counts.towns = n
            case .village: counts.villages = n
            case .group: counts.groups = n
            default: break
            }
        }
        return counts
    }

    /// The county of this installation, if the divisions have been loaded.
    public func county() async throws -> Area? {
        try await db.select().columns("code", "name", "parent_code").from("areas")
            .where("level", .equal, SQLBind(AreaLevel.county.rawValue)).orderBy("code").limit(1).first().map(decode)
    }

    func allLevels() async throws -> [String: AreaLevel] {
        var result: [String: AreaLevel] = [:]
        for row in try await db.select().columns("code", "level").from("areas").all() {
            result[try row.decode(column: "code", as: String.self)] = AreaLevel(rawValue: try row.decode(column: "level", as: String.self))
        }
        return result
    }

    private func decode(_ row: any SQLRow) throws -> Area {
        let text = try row.decode(column: "code", as: String.self)
        guard let code = AreaCode(text) else { throw AreaStoreError.corruptCode(text) }
        return Area(code: code, name: try row.decode(column: "name", as: String.self),
                    parentCode: try row.decode(column: "parent_code", as: String?.self))
    }
}

/// Stored data that no longer parses: a sign of tampering or a failed migration.
public enum AreaStoreError: Error, CustomStringConvertible {
    case corruptCode(String)
    case unknownRole(String)

    public var description: String {
        switch self {
        case .corruptCode(let code): "stored area code is malformed: \(code)"
        case .unknownRole(let role): "stored role is unknown: \(role)"
        }
    }
}
