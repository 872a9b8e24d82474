/// The roles of the back office, each bound to an area subtree by the user's scope.
public enum Role: String, Sendable, Codable, CaseIterable {
    case disciplineCommission = "discipline-commission"
    case countyDepartment = "county-department"
    case townOfficer = "town-officer"
    case supervisionOfficer = "supervision-officer"
    case villageClerk = "village-clerk"
    case supervisionCommitteeMember = "supervision-committee-member"
    case auditor

    public var chineseName: String {
        switch self {
        case .disciplineCommission: "纪委监委"
        case .countyDepartment: "县直部门"
        case .townOfficer: "镇（街道）干部"
        case .supervisionOfficer: "监察专干"
        case .villageClerk: "村报账员／文书"
        case .supervisionCommitteeMember: "村务监督委员会成员"
        case .auditor: "审计（只读）"
        }
    }

    /// The highest area level a user of this role may be scoped to, and the lowest.
    public var allowedScopeLevels: ClosedRange<AreaLevel> {
        switch self {
        case .disciplineCommission, .countyDepartment: .county ... .county
        case .townOfficer: .town ... .town
        case .supervisionOfficer, .auditor: .county ... .village
        case .villageClerk, .supervisionCommitteeMember: .village ... .village
        }
    }
}
