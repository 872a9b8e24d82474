import Foundation
import VillageWatchCore

/// A matter a village publishes (公开事项); its text lives in versions.
public struct Publication: Sendable, Hashable {
    public let id: Int64
    public let villageCode: AreaCode
    public let kind: PublicationKind
    public let category: PublicationCategory
    public let period: PublicationPeriod?
    public let decidedOn: CalendarDate?
    public let voteOn: CalendarDate?
    public let createdBy: String
}

/// One version of a publication. Published versions are immutable; amendments and withdrawals
/// are later versions with a reason.
public struct PublicationVersion: Sendable, Hashable {
    public let id: Int64
    public let publicationID: Int64
    public let version: Int
    public let title: String
    public let bodyHTML: String
    public let status: VersionStatus
    public let withdrawal: Bool
    public let reason: String?
    public let author: String
    public let reviewNote: String?
    public let signedOffBy: String?
    public let publishedAt: String?
    public let logIndex: Int64?
    public var attachments: [AttachmentInfo]
}

public struct AttachmentInfo: Sendable, Hashable, Encodable {
    public let id: Int64
    public let fileName: String
    public let contentType: String
    public let size: Int64
    public let sha256: String
}

/// What a clerk submits: the raw text is sanitised and the attachments checked on the way in.
public struct PublicationDraft: Sendable {
    public var kind: PublicationKind
    public var category: PublicationCategory
    public var title: String
    public var body: String
    public var period: String
    public var decidedOn: String
    public var voteOn: String
    public var attachments: [(fileName: String, bytes: Data)]

    public init(kind: PublicationKind, category: PublicationCategory, title: String, body: String, period: String = "",
                decidedOn: String = "", voteOn: String = "", attachments: [(fileName: String, bytes: Data)] = []) {
        self.kind = kind; self.category = category; self.title = title; self.body = body
        self.period = period; self.decidedOn = decidedOn; self.voteOn = voteOn; self.attachments = attachments
    }
}

/// A refused publication action, in Chinese for the form.
public struct PublicationProblem: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
