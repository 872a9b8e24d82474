import VillageWatchCore

/// A built village's people as the supervision data needs them: residents with their
/// households, which households belong to cadres or their declared relatives, the cadres and
/// the relatives they declared, and when the cadres' term began.
struct DemoVillagePeople {
    struct Resident {
        let id: String, name: String, age: Int, household: Int
        var isAdult: Bool { age >= 18 }
    }

    struct Home {
        let id: String, groupCode: String, members: [Int]
        /// A cadre's or a declared relative's household: never on a means-tested roll by chance.
        let reserved: Bool
        var head: Int { members[0] }
    }

    let village: DemoVillage
    let residents: [Resident]
    let homes: [Home]
    let cadres: [Int]
    /// Declared relatives who are not cadres themselves.
    let relatives: [Int]
    let termStart: CalendarDate

    init(_ builder: DemoVillageBuilder) {
        var residents: [Resident] = [], homes: [Home] = [], index: [DemoPersonRef: Int] = [:]
        for (g, group) in builder.groups.enumerated() {
            for (h, household) in group.households.enumerated() {
                var members: [Int] = []
                for (m, member) in household.members.enumerated() {
                    index[DemoPersonRef(group: g, household: h, member: m)] = residents.count
                    members.append(residents.count)
                    residents.append(Resident(id: member.idNumber, name: member.name, age: member.age, household: homes.count))
                }
                homes.append(Home(id: "H" + group.code + DemoIDAllocator.digits(household.number, 4), groupCode: group.code,
                                  members: members, reserved: household.reserved))
            }
        }
        var seen = Set<Int>()
        cadres = builder.seats.compactMap { index[$0.person] }.filter { seen.insert($0).inserted }
        let cadreSet = Set(cadres)
        relatives = builder.declarations.compactMap { index[$0.relative] }.filter { !cadreSet.contains($0) && seen.insert($0).inserted }
        village = builder.village
        self.residents = residents
        self.homes = homes
        termStart = CalendarDate(parsing: builder.term.0) ?? CalendarDate(year: 2026, month: 6, day: 30)!
    }

    func home(of resident: Int) -> Home { homes[residents[resident].household] }

    /// The resident's own social-security card account, where benefits are paid; one per person.
    func card(of resident: Int) -> String { DemoCounterparties.account(prefix: "6230", residents[resident].id) }
}
