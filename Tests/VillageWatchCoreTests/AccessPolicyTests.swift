import Testing
import VillageWatchCore

/// The one access check: permissions by role, data by area scope.
@Suite struct AccessPolicyTests {
    func principal(_ role: Role, _ scope: String) -> Principal {
        Principal(userID: 1, username: "u", displayName: "u", role: role, scope: AreaCode(scope)!)
    }
    let villageA = AreaCode("440882100200")!, groupA = AreaCode("440882100200001")!
    let villageB = AreaCode("440882101200")!, groupB = AreaCode("440882101200001")!

    @Test(arguments: Permission.allCases)
    func aUserOfVillageAIsRefusedEverythingInVillageB(_ permission: Permission) {
        for role in [Role.villageClerk, .supervisionCommitteeMember] {
            let user = principal(role, "440882100200")
            #expect(!AccessPolicy.allows(user, permission, in: villageB))
            #expect(!AccessPolicy.allows(user, permission, in: groupB))
            #expect(throws: AccessDenied.self) { try AccessPolicy.check(user, permission, in: groupB) }
        }
    }

    @Test func scopeCoversTheSubtree() {
        let clerk = principal(.villageClerk, "440882100200")
        #expect(AccessPolicy.allows(clerk, .viewRegistry, in: groupA))
        let town = principal(.townOfficer, "440882100000")
        #expect(AccessPolicy.allows(town, .viewRegistry, in: groupA))
        #expect(!AccessPolicy.allows(town, .viewRegistry, in: groupB))
        let commission = principal(.disciplineCommission, "440882000000")
        #expect(AccessPolicy.allows(commission, .viewRegistry, in: groupB))
    }

    @Test func rolesHoldOnlyTheirPermissions() {
        let county = "440882000000"
        #expect(!AccessPolicy.allows(principal(.countyDepartment, county), .viewRegistry, in: groupA))
        #expect(!AccessPolicy.allows(principal(.auditor, county), .importRegistry, in: groupA))
        #expect(AccessPolicy.allows(principal(.auditor, county), .viewAudit, in: AreaCode(county)!))
        #expect(!AccessPolicy.allows(principal(.villageClerk, "440882100200"), .manageUsers, in: villageA))
        #expect(!AccessPolicy.allows(principal(.supervisionCommitteeMember, "440882100200"), .importRegistry, in: villageA))
    }

    @Test func managersCreateOnlyLowerRolesInsideTheirArea() {
        let town = principal(.townOfficer, "440882100000")
        #expect(AccessPolicy.mayManage(town, role: .villageClerk, scope: villageA))
        #expect(!AccessPolicy.mayManage(town, role: .villageClerk, scope: villageB))
        #expect(!AccessPolicy.mayManage(town, role: .disciplineCommission, scope: AreaCode("440882100000")!))
        #expect(!AccessPolicy.mayManage(town, role: .villageClerk, scope: AreaCode("440882100000")!), "a clerk is scoped to a village")
        let commission = principal(.disciplineCommission, "440882000000")
        #expect(AccessPolicy.mayManage(commission, role: .townOfficer, scope: AreaCode("440882101000")!))
    }
}
