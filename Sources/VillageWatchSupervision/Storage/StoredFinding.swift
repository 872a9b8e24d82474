import Foundation
import SQLKit
import VillageWatchCore

/// A finding as stored: its JSON line plus when it was first and last raised.
public struct StoredFinding: Sendable {
    public let id: Int64
    public let code: FindingCode
    public let villageCode: String
    public let amountFen: Int64
    public let json: String
    public let firstSeenAt: String
    public let lastSeenAt: String
    public let resolvedAt: String?

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        code = FindingCode(rawValue: try row.decode(column: "code", as: String.self)) ?? .pubOverdue
        villageCode = try row.decode(column: "village_code", as: String.self)
        amountFen = try row.decode(column: "amount_fen", as: Int64.self)
        json = try row.decode(column: "json", as: String.self)
        firstSeenAt = try row.decode(column: "first_seen_at", as: String.self)
        lastSeenAt = try row.decode(column: "last_seen_at", as: String.self)
        resolvedAt = try row.decode(column: "resolved_at", as: String?.self)
    }

    /// The subject's and the evidence's fields, in the order the engine wrote them.
    public var fields: (subject: [(String, Any)], evidence: [(String, Any)]) {
        (Self.ordered(json, section: "subject"), Self.ordered(json, section: "evidence"))
    }

    /// JSONSerialization forgets key order; the JSON text keeps it.
    static func ordered(_ json: String, section: String) -> [(String, Any)] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let fields = object[section] as? [String: Any], let start = json.range(of: "\"\(section)\":{") else { return [] }
        let rest = json[start.upperBound...]
        return fields.keys.sorted { (rest.range(of: "\"\($0)\":")?.lowerBound ?? rest.endIndex) < (rest.range(of: "\"\($1)\":")?.lowerBound ?? rest.endIndex) }
            .map { ($0, fields[$0]!) }
    }
}

extension FindingStore {
    /// Findings of an area (open ones unless `includeResolved`), optionally of one code.
    public func list(within area: AreaCode, code: FindingCode?, includeResolved: Bool, limit: Int = 500) async throws -> [StoredFinding] {
        try await database.read { db in
            var query: SQLQueryString = "SELECT * FROM findings WHERE \(SQLSubtree("village_code", of: area))"
            if let code { query += " AND code = \(bind: code.rawValue)" }
            if !includeResolved { query += " AND resolved_at IS NULL" }
            query += " ORDER BY first_seen_at DESC, id DESC LIMIT \(unsafeRaw: String(limit))"
            return try await db.raw(query).all().map(StoredFinding.init)
        }
    }

    /// Open findings per code in an area.
    public func counts(within area: AreaCode) async throws -> [FindingCode: (count: Int, amountFen: Int64)] {
        try await database.read { db in
            var result: [FindingCode: (Int, Int64)] = [:]
            for row in try await db.raw("""
                SELECT code, COUNT(*) AS n, SUM(amount_fen) AS amount FROM findings WHERE resolved_at IS NULL AND \(SQLSubtree("village_code", of: area))
                GROUP BY code
                """).all() {
                guard let code = FindingCode(rawValue: try row.decode(column: "code", as: String.self)) else { continue }
                result[code] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "amount", as: Int64?.self) ?? 0)
            }
            return result
        }
    }

    public func finding(_ id: Int64) async throws -> StoredFinding? {
        try await database.read { try await $0.raw("SELECT * FROM findings WHERE id = \(bind: id)").first().map(StoredFinding.init) }
    }
}
