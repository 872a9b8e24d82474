import SQLKit
import VillageWatchCore

/// A lead as stored, with its finding's code and village for the access check.
public struct StoredLead: Sendable {
    public let id: Int64
    public let findingID: Int64
    public let code: FindingCode
    public let villageCode: String
    /// The supervision officer it is assigned to; `nil` when the village's committee verifies it.
    public let assignee: String?
    public let committee: Bool
    public let status: LeadStatus
    public let dueOn: CalendarDate
    public let createdBy: String
    public let createdAt: String
    public let closedAt: String?
    public let recoveredFen: Int64
    public let benefitStopped: Bool
    public let filingAdded: Bool
    public let referred: Bool
    public let outcome: String?

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        findingID = try row.decode(column: "finding_id", as: Int64.self)
        code = FindingCode(rawValue: try row.decode(column: "code", as: String.self)) ?? .pubOverdue
        villageCode = try row.decode(column: "village_code", as: String.self)
        assignee = try row.decode(column: "assignee", as: String?.self)
        committee = try row.decode(column: "committee", as: Bool.self)
        status = LeadStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        dueOn = CalendarDate(parsing: try row.decode(column: "due_on", as: String.self)) ?? CalendarDate(year: 2000, month: 1, day: 1)!
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.decode(column: "created_at", as: String.self)
        closedAt = try row.decode(column: "closed_at", as: String?.self)
        recoveredFen = try row.decode(column: "recovered_fen", as: Int64.self)
        benefitStopped = try row.decode(column: "benefit_stopped", as: Bool.self)
        filingAdded = try row.decode(column: "filing_added", as: Bool.self)
        referred = try row.decode(column: "referred", as: Bool.self)
        outcome = try row.decode(column: "outcome", as: String?.self)
    }

    public func isOverdue(on today: CalendarDate) -> Bool { !status.isClosed && today > dueOn }
}
