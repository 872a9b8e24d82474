/// The one access check. Every non-public read and write asks it, with the permission and the
/// area of the data concerned; nothing else in the code base decides who may see what.
public enum AccessPolicy {
    /// Which roles hold which permission (the area is checked separately, by scope).
    static func grants(_ role: Role, _ permission: Permission) -> Bool {
        switch permission {
        case .viewRegistry:
            role != .countyDepartment
        case .importRegistry:
            [.disciplineCommission, .townOfficer, .villageClerk].contains(role)
        case .importDepartmentData:
            [.disciplineCommission, .countyDepartment].contains(role)
        case .viewImports:
            role != .supervisionCommitteeMember
        case .manageUsers:
            [.disciplineCommission, .townOfficer].contains(role)
        case .viewAudit:
            [.disciplineCommission, .auditor].contains(role)
        case .editPublications:
            role == .villageClerk
        case .signOffPublications:
            role == .supervisionCommitteeMember
        case .viewDraftPublications:
            [.villageClerk, .supervisionCommitteeMember, .townOfficer, .supervisionOfficer, .disciplineCommission, .auditor].contains(role)
        case .viewCompliance:
            [.townOfficer, .supervisionOfficer, .disciplineCommission, .auditor].contains(role)
        case .viewFunds:
            role != .countyDepartment
        case .editFunds:
            role == .villageClerk
        case .viewFindings:
            [.disciplineCommission, .supervisionOfficer, .townOfficer, .auditor].contains(role)
        case .handleLeads:
            [.disciplineCommission, .supervisionOfficer].contains(role)
        case .verifyLeads:
            role == .supervisionCommitteeMember
        case .viewEchoItems:
            role != .countyDepartment
        case .viewCadreReports:
            [.disciplineCommission, .supervisionOfficer].contains(role)
        case .answerVillageEchoItems:
            role == .villageClerk
        case .answerTownEchoItems:
            role == .townOfficer
        case .answerCommissionEchoItems:
            [.disciplineCommission, .supervisionOfficer].contains(role)
        }
    }

    public static func allows(_ principal: Principal, _ permission: Permission, in area: AreaCode) -> Bool {
        grants(principal.role, permission) && principal.scope.contains(area)
    }

    public static func check(_ principal: Principal, _ permission: Permission, in area: AreaCode) throws(AccessDenied) {
        guard allows(principal, permission, in: area) else {
            throw AccessDenied(permission: permission, area: area)
        }
    }

    /// Whether `principal` may create or manage an account with `role` scoped to `scope`:
    /// only inside their own area, never a role above their own.
    public static func mayManage(_ principal: Principal, role: Role, scope: AreaCode) -> Bool {
        allows(principal, .manageUsers, in: scope) && role.allowedScopeLevels.contains(scope.level)
            && manageableRoles(for: principal.role).contains(role)
    }

    /// The roles whose accounts a role may create and manage.
    public static func manageableRoles(for role: Role) -> [Role] {
        switch role {
        case .disciplineCommission: Role.allCases
        case .townOfficer: [.villageClerk, .supervisionCommitteeMember]
        default: []
        }
    }
}

/// A refused request: the permission and the area it was refused for.
public struct AccessDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public let permission: Permission
    public let area: AreaCode

    public init(permission: Permission, area: AreaCode) {
        self.permission = permission
        self.area = area
    }

    public var description: String { "access denied: \(permission.rawValue) in \(area)" }
}
