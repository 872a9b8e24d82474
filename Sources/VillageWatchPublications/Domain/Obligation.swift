import Foundation
import VillageWatchCore

/// One thing a village owes: a periodic publication, or the publication of one decision.
public struct Obligation: Sendable, Hashable {
    /// The finding code of an overdue obligation.
    public static let overdueFindingCode = "PUB-OVERDUE"

    public enum Status: Sendable, Hashable {
        /// Published by the due date (or before the period even ended).
        case onTime
        /// Published, but this many days too late (or displayed this many days too briefly).
        case late(days: Int)
        /// Past due and still not published, by this many days as of the evaluation date.
        case overdue(days: Int)
        /// Not published and not yet due.
        case pending

        public var chineseName: String {
            switch self {
            case .onTime: "按时公开"
            case .late(let days): "逾期\(days)天公开"
            case .overdue(let days): "逾期\(days)天未公开"
            case .pending: "未到期"
            }
        }
    }

    public var kind: PublicationKind
    public var category: PublicationCategory
    /// For people: `2026年10月财务公开`, `2026年第3季度村务公开`, `重大事项：2026年10月8日决定`.
    public var label: String
    /// The period covered; for a decision, the month of its decision or vote date.
    public var period: PublicationPeriod
    public var dueOn: CalendarDate
    /// The publication date of the version that counts, if any.
    public var fulfilledOn: CalendarDate?
    /// The id of the version that counts, if any.
    public var itemID: Int64?
    public var status: Status

    public init(
        kind: PublicationKind, category: PublicationCategory, label: String, period: PublicationPeriod,
        dueOn: CalendarDate, fulfilledOn: CalendarDate?, itemID: Int64?, status: Status
    ) {
        self.kind = kind
        self.category = category
        self.label = label
        self.period = period
        self.dueOn = dueOn
        self.fulfilledOn = fulfilledOn
        self.itemID = itemID
        self.status = status
    }

    /// Overdue obligations are findings (`PUB-OVERDUE`); late ones are only scored.
    public var isFinding: Bool {
        if case .overdue = status { return true }
        return false
    }

    /// Days late or overdue; 0 when on time or pending.
    public var lateDays: Int {
        switch status {
        case .late(let days), .overdue(let days): days
        case .onTime, .pending: 0
        }
    }

    /// Whether the obligation counts in scores: everything except `pending`. An item published
    /// before its due date is settled and counts even while the due date is still ahead.
    public var isDue: Bool { status != .pending }
}
