import Foundation
/// A village group being populated.
struct DemoGroup: Sendable {
    let code: String
    let name: String
    let dominantSurname: Int
    var households: [DemoHousehold] = []
}

/// A member's position in a village: group, household, member indices.
struct DemoPersonRef: Hashable, Sendable {
    var group: Int, household: Int, member: Int
}

/// One row of cadres.csv before ID numbers exist.
struct DemoSeat: Sendable {
    var position: String
    var person: DemoPersonRef
}

/// One row of relatives.csv before ID numbers exist.
struct DemoDeclaration: Sendable {
    var cadre: DemoPersonRef
    var relative: DemoPersonRef
    var relationship: String
}

/// Builds one village: its groups and households, its cadres, their declared relatives, ID
/// numbers, and finally its rows in the four files.
struct DemoVillageBuilder {
    let village: DemoVillage
    let groupCount: Int
    let personsPerGroup: Int
    var rng: DemoRandom
    var groups: [DemoGroup] = []
    var seats: [DemoSeat] = []
    var declarations: [DemoDeclaration] = []
    /// (term_start, term_end) shared by the whole village's cadres: the term elected in 2026.
    var term: (String, String) = ("", "")
    /// Unreserved households still available to house a cadre's relatives, in random order.
    private var donors: [(group: Int, household: Int)] = []

    init(village: DemoVillage, groupCount: Int, personsPerGroup: Int, rng: DemoRandom) {
        self.village = village
        self.groupCount = groupCount
        self.personsPerGroup = personsPerGroup
        self.rng = rng
    }

    subscript(ref: DemoPersonRef) -> DemoMember {
        get { groups[ref.group].households[ref.household].members[ref.member] }
        set { groups[ref.group].households[ref.household].members[ref.member] = newValue }
    }

    // MARK: Groups and households

    mutating func populate() {
        let urban = village.isUrban
        var names = Set<String>()
        groups.reserveCapacity(groupCount)
        for number in 1...max(1, groupCount) {
            let dominant = DemoPopulation.randomSurname(&rng)
            var name = ""
            if urban {
                name = "第" + DemoNames.chineseNumber(number) + "居民小组"
            } else {
                for _ in 0..<12 {
                    let candidate = DemoNames.naturalVillageName(dominantSurname: dominant, rng: &rng) + "村民小组"
                    if !names.contains(candidate) { name = candidate; break }
                }
                if name.isEmpty { name = "第" + DemoNames.chineseNumber(number) + "村民小组" }
            }
            names.insert(name)
            var group = DemoGroup(code: village.code + DemoIDAllocator.digits(number, 3), name: name, dominantSurname: dominant)
            let target = max(1, Int((Double(personsPerGroup) * (0.7 + 0.6 * rng.unit())).rounded()))
            var people = 0
            group.households.reserveCapacity(target / 3 + 1)
            while people < target {
                let members = DemoPopulation.household(dominantSurname: dominant, &rng)
                // A household that would overshoot the target joins with the probability that
                // keeps the expected group size at the target.
                if people > 0, people + members.count > target,
                   !rng.chance(Double(target - people) / Double(members.count)) { break }
                people += members.count
                group.households.append(DemoHousehold(number: group.households.count + 1, members: members))
            }
            groups.append(group)
        }
    }

    /// Appends a new household to `group` and returns its index.
    private mutating func appendHousehold(to group: Int, head: DemoFixedPerson? = nil, spouse: DemoFixedPerson? = nil,
                                          reserved: Bool) -> Int {
        let members = DemoPopulation.household(head: head, spouse: spouse, dominantSurname: groups[group].dominantSurname, &rng)
        let index = groups[group].households.count
        groups[group].households.append(DemoHousehold(number: index + 1, members: members, reserved: reserved))
        return index
    }

    // MARK: Cadres

    /// What a seat asks of its holder.
    private struct SeatSpec {
        var positions: [String]
        var maleShare: Double
        var ages: ClosedRange<Int>
    }

    mutating func appointCadres() {
        // The 2026 换届 elected every village's committees between April and June; terms run five years.
        let month = rng.int(4...6), day = rng.int(1...28)
        term = (String(format: "2026-%02d-%02d", month, day), String(format: "2031-%02d-%02d", month, day - 1 == 0 ? 1 : day - 1))
        var specs: [SeatSpec] = []
        if rng.chance(0.8) {
            specs.append(SeatSpec(positions: ["党支部书记", "村委会主任"], maleShare: 0.9, ages: 35...60))  // 一肩挑
        } else {
            specs.append(SeatSpec(positions: ["党支部书记"], maleShare: 0.9, ages: 38...60))
            specs.append(SeatSpec(positions: ["村委会主任"], maleShare: 0.85, ages: 30...60))
        }
        // One committee member is traditionally a woman (妇女委员).
        specs.append(SeatSpec(positions: ["村委委员"], maleShare: 0.1, ages: 25...58))
        for _ in 0..<(rng.chance(0.5) ? 1 : 2) {
            specs.append(SeatSpec(positions: ["村委委员"], maleShare: 0.7, ages: 25...60))
        }
        specs.append(SeatSpec(positions: ["村务监督委员会主任"], maleShare: 0.8, ages: 35...65))
        specs.append(SeatSpec(positions: ["村务监督委员会委员"], maleShare: 0.6, ages: 28...65))
        specs.append(SeatSpec(positions: ["村务监督委员会委员"], maleShare: 0.6, ages: 28...65))
        specs.append(SeatSpec(positions: ["报账员"], maleShare: 0.5, ages: 25...55))
        let allGroups = Array(groups.indices)
        for spec in specs {
            let person = appoint(spec, from: allGroups)
            for position in spec.positions { seats.append(DemoSeat(position: position, person: person)) }
        }
        let leader = SeatSpec(positions: ["村民小组长"], maleShare: 0.85, ages: 30...68)
        for g in groups.indices {
            seats.append(DemoSeat(position: "村民小组长", person: appoint(leader, from: [g])))
        }
    }

    /// Picks a head or spouse fitting `spec` from an unreserved household of `scope` (relaxing
    /// sex, then age), or founds a new household headed by the cadre when none is left.
    private mutating func appoint(_ spec: SeatSpec, from scope: [Int]) -> DemoPersonRef {
        let male = rng.chance(spec.maleShare)
        let attempts: [(Bool?, ClosedRange<Int>)] = [(male, spec.ages), (nil, spec.ages), (nil, 23...75)]
        for (sex, ages) in attempts {
            var candidates: [DemoPersonRef] = []
            for g in scope {
                for (h, household) in groups[g].households.enumerated() where !household.reserved {
                    // A household with a sibling of the head would give a sibling inside the
                    // cadre's own household; keep cadres' siblings in other households.
                    if household.members.contains(where: { $0.role == .sibling }) { continue }
                    for (m, member) in household.members.enumerated()
                    where (member.role == .head || member.role == .spouse) && ages.contains(member.age)
                        && (sex == nil || member.male == sex) {
                        candidates.append(DemoPersonRef(group: g, household: h, member: m))
                    }
                }
            }
            if !candidates.isEmpty {
                let ref = rng.pick(candidates)
                reserve(ref)
                return ref
            }
        }
        let g = rng.pick(scope)
        let head = DemoFixedPerson(surname: rng.chance(0.5) ? groups[g].dominantSurname : DemoPopulation.randomSurname(&rng),
                                   male: male, age: rng.int(spec.ages))
        let h = appendHousehold(to: g, head: head, reserved: true)
        let ref = DemoPersonRef(group: g, household: h, member: 0)
        self[ref].isCadre = true
        return ref
    }

    private mutating func reserve(_ ref: DemoPersonRef) {
        groups[ref.group].households[ref.household].reserved = true
        self[ref].isCadre = true
    }

    // MARK: Relatives

    /// Each cadre (once, even when holding two posts) declares spouse, children, parents and
    /// children's spouses from the own household, 1–2 siblings who head or co-head other
    /// households of the village, and sometimes spouse's parents living elsewhere in the village.
    mutating func declareRelatives() {
        donors = []
        for (g, group) in groups.enumerated() {
            for (h, household) in group.households.enumerated() where !household.reserved { donors.append((g, h)) }
        }
        // Fisher–Yates with our own generator.
        if donors.count > 1 {
            for i in stride(from: donors.count - 1, to: 0, by: -1) { donors.swapAt(i, rng.below(i + 1)) }
        }

        var declared = Set<DemoPersonRef>()
        let cadres = seats.map(\.person).filter { declared.insert($0).inserted }
        for cadreRef in cadres {
            let cadre = self[cadreRef]
            let household = groups[cadreRef.group].households[cadreRef.household]
            var spouseRef: DemoPersonRef?
            var hasSpouseParents = false
            for (m, member) in household.members.enumerated() where m != cadreRef.member {
                let ref = DemoPersonRef(group: cadreRef.group, household: cadreRef.household, member: m)
                let relationship: String?
                switch (cadre.role, member.role) {
                case (.head, .spouse), (.spouse, .head): relationship = "配偶"; spouseRef = ref
                case (_, .son), (_, .daughter): relationship = "子女"
                case (.head, .parent): relationship = "父母"
                case (.spouse, .parent): relationship = "配偶父母"; hasSpouseParents = true
                case (_, .daughterInLaw): relationship = "子女配偶"
                default: relationship = nil
                }
                if let relationship { declarations.append(DemoDeclaration(cadre: cadreRef, relative: ref, relationship: relationship)) }
            }

            // Siblings share the cadre's surname and live in other households of the village.
            for _ in 0..<(rng.chance(0.5) ? 2 : 1) {
                var gap = rng.int(-12...11)
                if gap >= 0 { gap += 1 }
                let male = rng.chance(0.5)
                let sibling: DemoPersonRef
                if male || rng.chance(0.25) {
                    let age = min(85, max(25, cadre.age + gap))
                    sibling = house(head: DemoFixedPerson(surname: cadre.surname, male: male, age: age), spouse: nil)
                } else {
                    // A sister married to a man of the village: the spouse of another head.
                    let age = min(85, max(20, cadre.age + gap))
                    sibling = house(head: nil, spouse: DemoFixedPerson(surname: cadre.surname, male: false, age: age))
                }
                declarations.append(DemoDeclaration(cadre: cadreRef, relative: sibling, relationship: "兄弟姐妹"))
            }

            // Sometimes the spouse's parents live elsewhere in the village.
            if let spouseRef, !hasSpouseParents, rng.chance(0.25) {
                let spouse = self[spouseRef]
                let fatherAge = spouse.age + rng.int(22...34)
                if fatherAge <= 85 {
                    let father = house(head: DemoFixedPerson(surname: spouse.surname, male: true, age: fatherAge), spouse: nil,
                                       size: rng.chance(0.65) ? 2 : 1)
                    declarations.append(DemoDeclaration(cadre: cadreRef, relative: father, relationship: "配偶父母"))
                    let members = groups[father.group].households[father.household].members
                    if let m = members.firstIndex(where: { $0.role == .spouse }) {
                        declarations.append(DemoDeclaration(cadre: cadreRef, relative: DemoPersonRef(group: father.group,
                            household: father.household, member: m), relationship: "配偶父母"))
                    }
                }
            }
        }
    }

    /// Rebuilds an unreserved household of the village around a relative (keeping its number
    /// and, where possible, its size), or founds a new one when none is left. Returns the
    /// relative's reference; the household becomes reserved.
    private mutating func house(head: DemoFixedPerson?, spouse: DemoFixedPerson?, size: Int? = nil) -> DemoPersonRef {
        let g: Int, h: Int
        if let donor = donors.popLast() {
            (g, h) = donor
            let members = DemoPopulation.household(size: size ?? groups[g].households[h].members.count, head: head,
                                                   spouse: spouse, dominantSurname: groups[g].dominantSurname, &rng)
            groups[g].households[h].members = members
            groups[g].households[h].reserved = true
        } else {
            g = rng.below(groups.count)
            let members = DemoPopulation.household(size: size, head: head, spouse: spouse,
                                                   dominantSurname: groups[g].dominantSurname, &rng)
            h = groups[g].households.count
            groups[g].households.append(DemoHousehold(number: h + 1, members: members, reserved: true))
        }
        return DemoPersonRef(group: g, household: h, member: head != nil ? 0 : 1)
    }

    // MARK: ID numbers and output

    mutating func assignIDNumbers(_ ids: inout DemoIDAllocator, invalidShare: Double, counts: inout DemoCounts) {
        for g in groups.indices {
            for h in groups[g].households.indices {
                for m in groups[g].households[h].members.indices {
                    let member = groups[g].households[h].members[m]
                    var id = ids.allocate(age: member.age, male: member.male, &rng)
                    // Registries carry typos; a cadre's number is checked when the cadre is registered.
                    if !member.isCadre, rng.chance(invalidShare) {
                        id = DemoIDAllocator.corrupt(id, &rng)
                        counts.invalidIDNumbers += 1
                    }
                    groups[g].households[h].members[m].idNumber = id
                }
            }
        }
    }

    mutating func write(to output: DemoOutput, phoneShare: Double, counts: inout DemoCounts) throws {
        for group in groups {
            try output.areas.write([group.code, group.name, "group", village.code])
            counts.groups += 1
            for household in group.households {
                let householdID = "H" + group.code + DemoIDAllocator.digits(household.number, 4)
                counts.households += 1
                for member in household.members {
                    let phone = member.age >= 18 && (member.isCadre || rng.chance(phoneShare)) ? mobileNumber() : ""
                    try output.persons.write([member.idNumber, member.name, householdID, group.code, member.role.relation,
                                              member.male ? "男" : "女", phone])
                    counts.persons += 1
                }
            }
        }
        for seat in seats {
            let cadre = self[seat.person]
            try output.cadres.write([cadre.idNumber, cadre.name, village.code, seat.position, term.0, term.1])
            counts.cadres += 1
        }
        for d in declarations {
            let relative = self[d.relative]
            try output.relatives.write([self[d.cadre].idNumber, relative.idNumber, relative.name, d.relationship])
            counts.relatives += 1
        }
    }

    /// An 11-digit mainland mobile number 1[3-9]x xxxx xxxx.
    private mutating func mobileNumber() -> String {
        let prefixes: [UInt8] = [3, 3, 3, 5, 5, 5, 8, 8, 8, 7, 9, 9, 6, 4]
        var bytes = [UInt8](repeating: 48, count: 11)
        bytes[0] = 49
        bytes[1] = 48 + prefixes[rng.below(prefixes.count)]
        var r = rng.next()
        for i in 2..<11 {
            bytes[i] = 48 + UInt8(r % 10)
            r /= 10
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
