import Foundation
import VillageWatchCore

/// What the compliance calendar needs to know about one published publication version.
///
/// The calendar does not see titles, text or attachments: deadlines depend only on the kind,
/// the category and the dates below, which keeps it a pure function the storage layer can feed
/// from one narrow query.
public struct PublishedItem: Sendable, Hashable {
    /// The version's id, opaque to the calendar; handed back in `Obligation.itemID`.
    public var id: Int64
    /// The publication this version belongs to: every version of one publication (the original
    /// and its amendments) shares it, so the calendar counts the publication once, from its
    /// earliest version. `nil` when unknown; event items are then grouped by kind, category and
    /// decision or vote date instead, which also merges distinct matters decided on one day.
    public var publicationID: Int64?
    public var kind: PublicationKind
    public var category: PublicationCategory
    /// The period a regular item covers; ignored for the other categories.
    public var period: PublicationPeriod?
    /// The decision date of a major matter (重大事项).
    public var decidedOn: CalendarDate?
    /// The vote date of a 五议 proposal or resolution.
    public var voteOn: CalendarDate?
    public var publishedOn: CalendarDate
    /// When the publication was taken down, if it was.
    public var withdrawnOn: CalendarDate?

    public init(
        id: Int64,
        publicationID: Int64? = nil,
        kind: PublicationKind,
        category: PublicationCategory,
        period: PublicationPeriod? = nil,
        decidedOn: CalendarDate? = nil,
        voteOn: CalendarDate? = nil,
        publishedOn: CalendarDate,
        withdrawnOn: CalendarDate? = nil
    ) {
        self.id = id
        self.publicationID = publicationID
        self.kind = kind
        self.category = category
        self.period = period
        self.decidedOn = decidedOn
        self.voteOn = voteOn
        self.publishedOn = publishedOn
        self.withdrawnOn = withdrawnOn
    }
}
