import Foundation
import SQLKit
import VillageWatchCore

/// Reads of publications. Callers have passed the access check where the data is not public.
public struct PublicationReader {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func publication(_ id: Int64) async throws -> Publication? {
        try await publications([id]).first
    }

    public func publications(_ ids: [Int64]) async throws -> [Publication] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().column("*").from("publications").where("id", .in, ids).all().map(decodePublication)
    }

    public func version(_ id: Int64) async throws -> PublicationVersion? {
        try await versions(where: SQLBinaryExpression(SQLColumn("id"), .equal, SQLBind(id))).first
    }

    /// Every version of a publication, oldest first.
    public func versions(of publicationID: Int64) async throws -> [PublicationVersion] {
        try await versions(where: SQLBinaryExpression(SQLColumn("publication_id"), .equal, SQLBind(publicationID)))
    }

    /// Published versions of many ids at once (the log's entries endpoint pages 1,000 at a time).
    public func publishedVersions(_ ids: [Int64]) async throws -> [PublicationVersion] {
        guard !ids.isEmpty else { return [] }
        return try await versions(where: SQLQueryString("id IN (\(binds: ids)) AND status = 'published'"))
    }

    /// The newest published version of each publication of a village, newest first.
    public func publicList(village: AreaCode, kind: PublicationKind?, period: String?, limit: Int, offset: Int) async throws
        -> [(Publication, PublicationVersion)] {
        var query: SQLQueryString = """
            SELECT v.id AS vid FROM publication_versions v JOIN publications p ON v.publication_id = p.id
            WHERE p.village_code = \(bind: village.text) AND v.status = 'published'
              AND v.version = (SELECT MAX(w.version) FROM publication_versions w WHERE w.publication_id = v.publication_id AND w.status = 'published')
            """
        if let kind { query += " AND p.kind = \(bind: kind.rawValue)" }
        if let period, !period.isEmpty { query += " AND p.period = \(bind: period)" }
        query += " ORDER BY v.published_at DESC, v.id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)"
        return try await pairs(try await db.raw(query).all(decodingColumn: "vid", as: Int64.self))
    }

    /// Published versions containing every query term, newest first, optionally inside an area.
    public func search(terms: [String], within area: AreaCode?, limit: Int) async throws -> [(Publication, PublicationVersion)] {
        guard !terms.isEmpty else { return [] }
        var query: SQLQueryString = """
            SELECT t.version_id AS vid FROM publication_terms t
            JOIN publication_versions v ON t.version_id = v.id JOIN publications p ON v.publication_id = p.id
            WHERE t.term IN (\(binds: terms))
            """
        if let area { query += " AND \(SQLSubtree("p.village_code", of: area))" }
        query += " GROUP BY t.version_id HAVING COUNT(DISTINCT t.term) = \(literal: terms.count) ORDER BY t.version_id DESC LIMIT \(literal: limit)"
        return try await pairs(try await db.raw(query).all(decodingColumn: "vid", as: Int64.self))
    }

    /// Versions in an area by status, for the back office.
    public func adminList(within area: AreaCode, status: VersionStatus?, limit: Int) async throws -> [(Publication, PublicationVersion)] {
        var query: SQLQueryString = """
            SELECT v.id AS vid FROM publication_versions v JOIN publications p ON v.publication_id = p.id WHERE \(SQLSubtree("p.village_code", of: area))
            """
        if let status { query += " AND v.status = \(bind: status.rawValue)" }
        query += " ORDER BY v.id DESC LIMIT \(literal: limit)"
        return try await pairs(try await db.raw(query).all(decodingColumn: "vid", as: Int64.self))
    }

    /// Published items of the villages in an area, for the compliance calendar. A withdrawal
    /// version gives its publication's withdrawal date.
    public func publishedItems(within area: AreaCode) async throws -> [String: [PublishedItem]] {
        let rows = try await db.raw("""
            SELECT v.id AS vid, p.id AS pid, p.village_code, p.kind, p.category, p.period, p.decided_on, p.vote_on, v.published_on, v.withdrawal
            FROM publication_versions v JOIN publications p ON v.publication_id = p.id
            WHERE \(SQLSubtree("p.village_code", of: area)) AND v.status = 'published' ORDER BY v.id
            """).all()
        var withdrawn: [Int64: CalendarDate] = [:]
        var items: [(String, PublishedItem)] = []
        for row in rows {
            let publicationID = try row.decode(column: "pid", as: Int64.self)
            guard let publishedOn = CalendarDate(parsing: try row.decode(column: "published_on", as: String.self)) else { continue }
            if try row.decode(column: "withdrawal", as: Bool.self) {
                withdrawn[publicationID] = withdrawn[publicationID] ?? publishedOn
                continue
            }
            guard let kind = PublicationKind(rawValue: try row.decode(column: "kind", as: String.self)),
                  let category = PublicationCategory(rawValue: try row.decode(column: "category", as: String.self)) else { continue }
            items.append((try row.decode(column: "village_code", as: String.self), PublishedItem(
                id: try row.decode(column: "vid", as: Int64.self), publicationID: publicationID, kind: kind, category: category,
                period: try row.decode(column: "period", as: String?.self).flatMap(PublicationPeriod.init(parsing:)),
                decidedOn: try row.decode(column: "decided_on", as: String?.self).flatMap(CalendarDate.init(parsing:)),
                voteOn: try row.decode(column: "vote_on", as: String?.self).flatMap(CalendarDate.init(parsing:)),
                publishedOn: publishedOn, withdrawnOn: nil)))
        }
        var result: [String: [PublishedItem]] = [:]
        for (village, item) in items {
            var item = item
            item.withdrawnOn = item.publicationID.flatMap { withdrawn[$0] }
            result[village, default: []].append(item)
        }
        return result
    }

    /// An attachment's bytes with what decides who may fetch it.
    public func attachment(_ id: Int64) async throws -> (info: AttachmentInfo, content: Data, status: VersionStatus, village: AreaCode)? {
        guard let row = try await db.raw("""
            SELECT a.*, v.status, p.village_code FROM publication_attachments a
            JOIN publication_versions v ON a.version_id = v.id JOIN publications p ON v.publication_id = p.id WHERE a.id = \(bind: id)
            """).first(),
              let status = VersionStatus(rawValue: try row.decode(column: "status", as: String.self)),
              let village = AreaCode(try row.decode(column: "village_code", as: String.self)) else { return nil }
        return (try decodeAttachment(row), try row.decode(column: "content", as: Data.self), status, village)
    }

    private func pairs(_ versionIDs: [Int64]) async throws -> [(Publication, PublicationVersion)] {
        guard !versionIDs.isEmpty else { return [] }
        let versions = try await versions(where: SQLQueryString("id IN (\(binds: versionIDs))"))
        let publications = Dictionary(uniqueKeysWithValues: try await publications(Array(Set(versions.map(\.publicationID)))).map { ($0.id, $0) })
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
        return versionIDs.compactMap { id in byID[id].flatMap { v in publications[v.publicationID].map { ($0, v) } } }
    }

    private func versions(where predicate: any SQLExpression) async throws -> [PublicationVersion] {
        var versions = try await db.select().column("*").from("publication_versions").where(predicate).orderBy("version").all().map(decodeVersion)
        guard !versions.isEmpty else { return [] }
        let attachments = try await db.select().columns("id", "version_id", "file_name", "content_type", "size", "sha256").from("publication_attachments")
            .where("version_id", .in, versions.map(\.id)).orderBy("id").all()
        var byVersion: [Int64: [AttachmentInfo]] = [:]
        for row in attachments { byVersion[try row.decode(column: "version_id", as: Int64.self), default: []].append(try decodeAttachment(row)) }
        for i in versions.indices { versions[i].attachments = byVersion[versions[i].id] ?? [] }
        return versions
    }

    private func decodePublication(_ row: any SQLRow) throws -> Publication {
        let village = try row.decode(column: "village_code", as: String.self)
        guard let code = AreaCode(village), let kind = PublicationKind(rawValue: try row.decode(column: "kind", as: String.self)),
              let category = PublicationCategory(rawValue: try row.decode(column: "category", as: String.self)) else {
            throw PublicationProblem("stored publication is malformed")
        }
        return Publication(id: try row.decode(column: "id", as: Int64.self), villageCode: code, kind: kind, category: category,
                           period: try row.decode(column: "period", as: String?.self).flatMap(PublicationPeriod.init(parsing:)),
                           decidedOn: try row.decode(column: "decided_on", as: String?.self).flatMap(CalendarDate.init(parsing:)),
                           voteOn: try row.decode(column: "vote_on", as: String?.self).flatMap(CalendarDate.init(parsing:)),
                           createdBy: try row.decode(column: "created_by", as: String.self))
    }

    private func decodeVersion(_ row: any SQLRow) throws -> PublicationVersion {
        guard let status = VersionStatus(rawValue: try row.decode(column: "status", as: String.self)) else { throw PublicationProblem("stored version is malformed") }
        return PublicationVersion(
            id: try row.decode(column: "id", as: Int64.self), publicationID: try row.decode(column: "publication_id", as: Int64.self),
            version: try row.decode(column: "version", as: Int.self), title: try row.decode(column: "title", as: String.self),
            bodyHTML: try row.decode(column: "body_html", as: String.self), status: status, withdrawal: try row.decode(column: "withdrawal", as: Bool.self),
            reason: try row.decode(column: "reason", as: String?.self), author: try row.decode(column: "author", as: String.self),
            reviewNote: try row.decode(column: "review_note", as: String?.self), signedOffBy: try row.decode(column: "signed_off_by", as: String?.self),
            publishedAt: try row.decode(column: "published_at", as: String?.self), logIndex: try row.decode(column: "log_index", as: Int64?.self),
            attachments: [])
    }

    private func decodeAttachment(_ row: any SQLRow) throws -> AttachmentInfo {
        AttachmentInfo(id: try row.decode(column: "id", as: Int64.self), fileName: try row.decode(column: "file_name", as: String.self),
                       contentType: try row.decode(column: "content_type", as: String.self), size: try row.decode(column: "size", as: Int64.self),
                       sha256: try row.decode(column: "sha256", as: String.self))
    }
}
