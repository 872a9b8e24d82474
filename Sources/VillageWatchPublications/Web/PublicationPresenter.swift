import Foundation
import VillageWatchCore

/// Turns publications into the dictionaries the templates render, one way for every page.
enum PublicationPresenter {
    static func summary(_ publication: Publication, _ version: PublicationVersion) -> [String: Any] {
        [
            "id": publication.id, "title": version.title, "kind": publication.kind.chineseName, "category": publication.category.chineseName,
            "period": publication.period?.description ?? publication.decidedOn?.description ?? publication.voteOn.map { "表决 \($0)" } ?? "",
            "publishedAt": version.publishedAt.map { Timestamp.chinaStandardTime(utc: $0) } ?? "",
            "status": version.status.chineseName, "version": version.version, "amended": version.version > 1,
            "withdrawn": version.withdrawal, "village": publication.villageCode.text, "versionID": version.id,
        ]
    }

    static func version(_ version: PublicationVersion, treeSize: Int?) -> [String: Any] {
        [
            "id": version.id, "version": version.version, "title": version.title, "body": version.bodyHTML,
            "status": version.status.chineseName, "isPublished": version.status == .published, "withdrawal": version.withdrawal,
            "reason": version.reason ?? false, "reviewNote": version.reviewNote ?? false,
            "publishedAt": version.publishedAt.map { Timestamp.chinaStandardTime(utc: $0) } ?? "",
            "logIndex": version.logIndex.map { $0 as Any } ?? false,
            "proofURL": version.logIndex.flatMap { index in treeSize.map { "/transparency/proof/inclusion?index=\(index)&tree_size=\($0)" } } ?? "",
            "attachments": version.attachments.map { ["id": $0.id, "name": $0.fileName, "size": Self.size($0.size), "sha256": $0.sha256] },
            "hasAttachments": !version.attachments.isEmpty,
        ]
    }

    static func size(_ bytes: Int64) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }

    static var kinds: [[String: String]] { PublicationKind.allCases.map { ["value": $0.rawValue, "name": $0.chineseName] } }
    static var categories: [[String: String]] { PublicationCategory.allCases.map { ["value": $0.rawValue, "name": $0.chineseName] } }
}
