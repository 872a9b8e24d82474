import Foundation
import SQLKit
import VillageWatchCore

extension EchoItemStore {
    /// Items of villages inside `area` of the given kinds — only those awaiting an answer when
    /// `waitingOnly` — the ones awaiting an answer first (earliest deadline first), then the most
    /// recently answered.
    public func items(within area: AreaCode, kinds: [EchoItemKind], waitingOnly: Bool = false, limit: Int = 300) async throws -> [StoredEchoItem] {
        guard !kinds.isEmpty else { return [] }
        let waiting: SQLQueryString = waitingOnly ? " AND status IN (\(binds: EchoStatus.awaitingAnswer))" : ""
        return try await database.read { db in
            try await db.raw("""
                SELECT * FROM echo_items WHERE \(SQLSubtree("village_code", of: area)) AND kind IN (\(binds: kinds.map(\.rawValue)))\(waiting)
                ORDER BY CASE WHEN status IN (\(binds: EchoStatus.awaitingAnswer)) THEN 0 ELSE 1 END, answer_by, answered_at DESC, id DESC
                LIMIT \(bind: limit)
                """).all().map(StoredEchoItem.init)
        }
    }

    /// Answered items of villages inside `area` (not those reopened and waiting again), newest
    /// answer first, a page at a time.
    public func answeredItems(within area: AreaCode, page: Int = 1, pageSize: Int = 20) async throws -> [StoredEchoItem] {
        try await database.read { db in
            try await db.raw("""
                SELECT * FROM echo_items WHERE \(SQLSubtree("village_code", of: area)) AND status IN (\(binds: EchoStatus.answeredStates))
                ORDER BY answered_at DESC, id DESC LIMIT \(bind: pageSize) OFFSET \(bind: (min(max(page, 1), 10_000) - 1) * pageSize)
                """).all().map(StoredEchoItem.init)
        }
    }

    /// Open311's `requests`, newest first: the items asked for by number, or those the filters
    /// select. A report about a cadre appears only once answered: a pending one would tell the
    /// village that someone has reported its cadres.
    public func requests(_ filter: RequestFilter) async throws -> [StoredEchoItem] {
        try await database.read { db in
            var query: SQLQueryString = """
                SELECT * FROM echo_items WHERE NOT (kind = \(bind: EchoItemKind.report.rawValue) AND status IN (\(binds: EchoStatus.awaitingAnswer)))
                """
            if !filter.ids.isEmpty {
                query += " AND id IN (\(binds: filter.ids)) ORDER BY id"
                return try await db.raw(query).all().map(StoredEchoItem.init)
            }
            if !filter.services.isEmpty {
                query += " AND ("
                for (index, service) in filter.services.enumerated() {
                    if index > 0 { query += " OR " }
                    query += "(kind = \(bind: service.kind.rawValue) AND category = \(bind: service.category.rawValue))"
                }
                query += ")"
            }
            if let start = filter.start { query += " AND submitted_at >= \(bind: Timestamp.utc(start))" }
            if let end = filter.end { query += " AND submitted_at <= \(bind: Timestamp.utc(end))" }
            if let open = filter.open {
                query += " AND status IN (\(binds: open ? EchoStatus.awaitingAnswer : EchoStatus.answeredStates))"
            }
            query += " ORDER BY submitted_at DESC, id DESC LIMIT \(bind: filter.pageSize) OFFSET \(bind: (filter.page - 1) * filter.pageSize)"
            return try await db.raw(query).all().map(StoredEchoItem.init)
        }
    }

    public struct RequestFilter: Sendable {
        public var ids: [Int64] = []
        /// Kind and category pairs (Open311's service codes); any when empty.
        public var services: [(kind: EchoItemKind, category: EchoCategory)] = []
        public var start: Date?, end: Date?, open: Bool?
        /// Pages are capped so that no offset can overflow.
        public var page = 1 { didSet { page = min(max(page, 1), 10_000) } }
        public var pageSize = 50 { didSet { pageSize = min(max(pageSize, 1), 200) } }
        public init() {}
    }

    /// The item's timeline: what happened, at which level, when.
    public func events(_ id: Int64) async throws -> [(action: String, level: EchoLevel, actor: String, at: String)] {
        try await database.read { db in
            try await db.raw("SELECT action, level, actor, at FROM echo_events WHERE item_id = \(bind: id) ORDER BY id").all().map {
                (try $0.decode(column: "action", as: String.self), EchoLevel(rawValue: try $0.decode(column: "level", as: String.self)) ?? .village,
                 try $0.decode(column: "actor", as: String.self), try $0.decode(column: "at", as: String.self))
            }
        }
    }

    public func photos(_ id: Int64) async throws -> [(id: Int64, name: String, size: Int64)] {
        try await database.read { db in
            try await db.raw("SELECT id, file_name, size FROM echo_photos WHERE item_id = \(bind: id) ORDER BY id").all().map {
                (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "file_name", as: String.self), try $0.decode(column: "size", as: Int64.self))
            }
        }
    }

    public func photo(_ id: Int64) async throws -> (itemID: Int64, contentType: String, content: Data)? {
        try await database.read { db in
            try await db.raw("SELECT item_id, content_type, content FROM echo_photos WHERE id = \(bind: id)").first().map {
                (try $0.decode(column: "item_id", as: Int64.self), try $0.decode(column: "content_type", as: String.self), try $0.decode(column: "content", as: Data.self))
            }
        }
    }

    /// Responsiveness per village inside `area` (keyed by village code), as of today.
    public func statsByVillage(within area: AreaCode) async throws -> [String: EchoStats] {
        let today = clock.chinaToday.description
        return try await database.read { db in
            var result: [String: EchoStats] = [:]
            for row in try await db.raw("""
                SELECT village_code, COUNT(*) AS items,
                  SUM(CASE WHEN status IN (\(binds: EchoStatus.answeredStates)) OR answer_by < \(bind: today) OR escalations > 0 THEN 1 ELSE 0 END) AS due,
                  SUM(CASE WHEN status IN (\(binds: EchoStatus.answeredStates)) THEN 1 ELSE 0 END) AS answered,
                  SUM(CASE WHEN status IN (\(binds: EchoStatus.answeredStates)) AND answered_late = 0 THEN 1 ELSE 0 END) AS on_time,
                  COUNT(rating) AS ratings, CAST(COALESCE(SUM(rating), 0) AS BIGINT) AS rating_sum, CAST(SUM(reopened) AS BIGINT) AS reopened
                FROM echo_items WHERE \(SQLSubtree("village_code", of: area)) GROUP BY village_code
                """).all() {
                var stats = EchoStats()
                stats.items = try row.decode(column: "items", as: Int.self)
                stats.due = try row.decode(column: "due", as: Int.self)
                stats.answered = try row.decode(column: "answered", as: Int.self)
                stats.answeredOnTime = try row.decode(column: "on_time", as: Int.self)
                stats.ratings = try row.decode(column: "ratings", as: Int.self)
                stats.ratingSum = try row.decode(column: "rating_sum", as: Int.self)
                stats.reopened = try row.decode(column: "reopened", as: Int.self)
                result[try row.decode(column: "village_code", as: String.self)] = stats
            }
            return result
        }
    }
}
