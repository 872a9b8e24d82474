/// What the bank flows of a village need to know about its people once its registry rows are
/// written: who is paid as a cadre, who is a declared relative, who rents land.
struct DemoVillageRoster: Sendable {
    struct Group: Sendable {
        let code: String
        let name: String
        /// The 村民小组长, paid a 误工补贴 from the group's account.
        let leader: String?
        /// Household heads of the group: the villagers who lease its land and fishponds.
        let heads: [String]
    }

    let village: DemoVillage
    let groups: [Group]
    /// Village-level cadres (one entry per person) with the first position each holds.
    let cadres: [(name: String, position: String)]
    /// Declared relatives of the village's cadres who are not cadres themselves.
    let relatives: [String]
}

extension DemoVillageBuilder {
    /// The roster of the village as built, after ID numbers are assigned.
    var roster: DemoVillageRoster {
        var cadres: [(name: String, position: String)] = []
        var seen = Set<DemoPersonRef>()
        var leaders: [Int: String] = [:]
        for seat in seats {
            if seat.position == "村民小组长" { leaders[seat.person.group] = self[seat.person].name; continue }
            if seen.insert(seat.person).inserted { cadres.append((self[seat.person].name, seat.position)) }
        }
        let cadreRefs = Set(seats.map(\.person))
        let relatives = declarations.filter { !cadreRefs.contains($0.relative) }.map { self[$0.relative].name }
        let rosterGroups = groups.enumerated().map { index, group in
            DemoVillageRoster.Group(code: group.code, name: group.name, leader: leaders[index],
                                    heads: group.households.compactMap { $0.members.first?.name })
        }
        return DemoVillageRoster(village: village, groups: rosterGroups, cadres: cadres, relatives: relatives)
    }
}
