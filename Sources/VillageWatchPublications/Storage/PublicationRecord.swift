import Foundation
import VillageWatchCore
import VillageWatchTransparency

/// The canonical JSON of a published version: what the public log hashes and what an outside
/// verifier re-reads. Built from the stored rows every time, never cached, so that an edited row
/// no longer matches its leaf.
struct PublicationRecord: Encodable {
    let record = "publication-version"
    let publication_id: Int64
    let version: Int
    let village_code: String
    let kind: String
    let category: String
    let period: String?
    let decided_on: String?
    let vote_on: String?
    let title: String
    let body_html: String
    let withdrawal: Bool
    let reason: String?
    let published_at: String
    let attachments: [Attachment]

    struct Attachment: Encodable {
        let name: String, content_type: String, size: Int64, sha256: String
    }

    init(_ publication: Publication, _ version: PublicationVersion) {
        publication_id = publication.id; self.version = version.version; village_code = publication.villageCode.text
        kind = publication.kind.rawValue; category = publication.category.rawValue; period = publication.period?.description
        decided_on = publication.decidedOn?.description; vote_on = publication.voteOn?.description
        title = version.title; body_html = version.bodyHTML; withdrawal = version.withdrawal; reason = version.reason
        published_at = version.publishedAt ?? ""
        attachments = version.attachments.map { Attachment(name: $0.fileName, content_type: $0.contentType, size: $0.size, sha256: $0.sha256) }
    }

    var bytes: Data { get throws { try CanonicalJSON.encode(self) } }
}

/// Publication versions as a source of the public log.
public struct PublicationLogSource: PublicRecordSource {
    public static let kind = "publication-version"
    public var kind: String { Self.kind }

    public init() {}

    public func leafBytes(refs: [String], db: any SQLDatabase) async throws -> [String: Data] {
        let reader = PublicationReader(db)
        let versions = try await reader.publishedVersions(refs.compactMap { Int64($0) })
        let publications = Dictionary(uniqueKeysWithValues: try await reader.publications(Array(Set(versions.map(\.publicationID)))).map { ($0.id, $0) })
        var result: [String: Data] = [:]
        for version in versions {
            guard let publication = publications[version.publicationID] else { continue }
            result[String(version.id)] = try PublicationRecord(publication, version).bytes
        }
        return result
    }
}

import SQLKit
