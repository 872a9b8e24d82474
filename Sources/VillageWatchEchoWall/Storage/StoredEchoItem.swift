import SQLKit
import VillageWatchCore

/// An item as stored. The reporter's identity stays sealed here; `EchoItemStore.reporter`
/// opens it for those allowed, and audits each time.
public struct StoredEchoItem: Sendable {
    public let id: Int64
    public let token: String
    public let kind: EchoItemKind
    public let category: EchoCategory
    public let villageCode: String
    public let text: String
    /// What public pages and Open311 show of the text (masked when stored); `nil` for a report
    /// about a cadre, whose text stays with the supervision officers.
    public let publicText: String?
    public let anonymous: Bool
    public let source: String
    public let submittedAt: String
    public let acknowledgedAt: String?
    public let answer: String?
    /// The answer as published, masked when stored.
    public let publicAnswer: String?
    public let answeredAt: String?
    public let answeredLate: Bool
    public let responseDays: Int?
    public let rating: Int?
    public let escalations: Int
    public let updatedAt: String
    public let state: EchoWorkflow.State

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        token = try row.decode(column: "token", as: String.self)
        // An unknown kind is treated as the most protected one.
        kind = EchoItemKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .report
        category = EchoCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .other
        villageCode = try row.decode(column: "village_code", as: String.self)
        text = try row.decode(column: "text", as: String.self)
        publicText = try row.decode(column: "public_text", as: String?.self)
        anonymous = try row.decode(column: "reporter_sealed", as: String?.self) == nil
        source = try row.decode(column: "source", as: String.self)
        submittedAt = try row.decode(column: "submitted_at", as: String.self)
        acknowledgedAt = try row.decode(column: "acknowledged_at", as: String?.self)
        answer = try row.decode(column: "answer", as: String?.self)
        publicAnswer = try row.decode(column: "public_answer", as: String?.self)
        answeredAt = try row.decode(column: "answered_at", as: String?.self)
        answeredLate = try row.decode(column: "answered_late", as: Int64.self) != 0
        responseDays = try row.decode(column: "response_days", as: Int?.self)
        rating = try row.decode(column: "rating", as: Int?.self)
        escalations = Int(try row.decode(column: "escalations", as: Int64.self))
        updatedAt = try row.decode(column: "updated_at", as: String.self)
        state = EchoWorkflow.State(
            kind: kind, level: EchoLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? kind.firstLevel,
            status: EchoStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted,
            acknowledgeBy: try row.decode(column: "acknowledge_by", as: String?.self).flatMap(CalendarDate.init(parsing:)),
            answerBy: CalendarDate(parsing: try row.decode(column: "answer_by", as: String.self)) ?? CalendarDate(year: 2000, month: 1, day: 1)!,
            reopened: try row.decode(column: "reopened", as: Int64.self) != 0)
    }

    public var village: AreaCode { AreaCode(villageCode)! }
    public var status: EchoStatus { state.status }
    public var level: EchoLevel { state.level }
}
