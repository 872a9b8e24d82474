/// A person's relation to the head of their household, as the demo models it. The CSV knows
/// eight relations; the demo keeps a daughter-in-law apart from other `其他` members so that a
/// cadre can declare her as 子女配偶.
enum DemoRole: UInt8, Sendable {
    case head, spouse, son, daughter, parent, grandchild, sibling, daughterInLaw, other

    /// The `relation_to_head` value written to persons.csv.
    var relation: String {
        switch self {
        case .head: "户主"
        case .spouse: "配偶"
        case .son: "子"
        case .daughter: "女"
        case .parent: "父母"
        case .grandchild: "孙子女"
        case .sibling: "兄弟姐妹"
        case .daughterInLaw, .other: "其他"
        }
    }
}

/// One synthetic resident before an ID number is assigned. Ages are on the reference date
/// 2026-01-01.
struct DemoMember: Sendable {
    var surname: Int
    var given: String
    var male: Bool
    var age: Int
    var role: DemoRole
    var isCadre = false
    var idNumber = ""

    var name: String { DemoNames.surnames[surname] + given }
    var birthYear: Int { DemoPopulation.referenceYear - 1 - age }
}

struct DemoHousehold: Sendable {
    var number: Int
    var members: [DemoMember]
    /// Holds a cadre or a cadre's declared relatives, so it must not be rebuilt or reused.
    var reserved = false
}

/// Attributes forced onto the head or spouse of a generated household.
struct DemoFixedPerson: Sendable {
    var surname: Int
    var male: Bool
    var age: Int
}

/// Household composition: sizes 1–7 (mean ≈ 3.6) built around a head with spouse, children,
/// the head's parents, grandchildren and occasionally a sibling or another member.
enum DemoPopulation {
    static let referenceYear = 2026

    /// Household sizes 1…7 with weights (mean 3.63).
    static let sizeCumulative: [Int] = {
        var total = 0
        return [10, 17, 20, 23, 17, 9, 4].map { total += $0; return total }
    }()

    static func randomSurname(_ rng: inout DemoRandom) -> Int { rng.index(cumulative: DemoNames.surnameCumulative) }

    static func surname(otherThan excluded: Int, _ rng: inout DemoRandom) -> Int {
        var s = randomSurname(&rng)
        var tries = 0
        while s == excluded, tries < 8 { s = randomSurname(&rng); tries += 1 }
        return s == excluded ? (excluded + 1) % DemoNames.surnames.count : s
    }

    static func member(surname: Int, male: Bool, age: Int, role: DemoRole, _ rng: inout DemoRandom) -> DemoMember {
        let given = DemoNames.givenName(male: male, birthYear: referenceYear - 1 - age, rng: &rng)
        return DemoMember(surname: surname, given: given, male: male, age: age, role: role)
    }

    /// Head ages 25–85, weighted towards the middle years; single-person households skew old.
    static func headAge(single: Bool, _ rng: inout DemoRandom) -> Int {
        if single { return rng.chance(0.55) ? rng.int(60...85) : rng.int(25...59) }
        let r = rng.below(100)
        switch r {
        case ..<16: return rng.int(25...34)
        case ..<37: return rng.int(35...44)
        case ..<60: return rng.int(45...54)
        case ..<80: return rng.int(55...64)
        case ..<93: return rng.int(65...74)
        default: return rng.int(75...85)
        }
    }

    /// Builds one household. `size` (1…7) is drawn when `nil`; `head` and `spouse` force those
    /// members (a forced spouse implies a size of at least 2).
    static func household(size requested: Int? = nil, head fixedHead: DemoFixedPerson? = nil,
                          spouse fixedSpouse: DemoFixedPerson? = nil, dominantSurname: Int,
                          _ rng: inout DemoRandom) -> [DemoMember] {
        var n = requested ?? (rng.index(cumulative: sizeCumulative) + 1)
        if fixedSpouse != nil { n = max(n, 2) }
        var members: [DemoMember] = []
        members.reserveCapacity(n)

        // Head.
        let head: DemoMember
        if let f = fixedHead {
            head = member(surname: f.surname, male: f.male, age: f.age, role: .head, &rng)
        } else if let s = fixedSpouse {
            let male = !s.male
            let age = min(85, max(25, s.age + (male ? rng.int(-1...5) : -rng.int(-1...5))))
            head = member(surname: surname(otherThan: s.surname, &rng), male: male, age: age, role: .head, &rng)
        } else {
            let male = rng.chance(n == 1 ? 0.68 : 0.87)
            // Big households need a head old enough to have several children (or live with parents).
            var age = headAge(single: n == 1, &rng)
            let minimum = 25 + 4 * max(0, n - 3)
            if age < minimum { age = rng.int(minimum...max(minimum, 60)) }
            let s = rng.chance(male ? 0.45 : 0.2) ? dominantSurname : randomSurname(&rng)
            head = member(surname: s, male: male, age: age, role: .head, &rng)
        }
        members.append(head)

        // Spouse.
        var spouse: DemoMember?
        if let s = fixedSpouse {
            spouse = member(surname: s.surname, male: s.male, age: s.age, role: .spouse, &rng)
        } else if n >= 2, rng.chance(head.male ? 0.92 : 0.45) {
            let gap = rng.int(-2...5)
            let age = min(100, max(20, head.male ? head.age - gap : head.age + gap))
            spouse = member(surname: surname(otherThan: head.surname, &rng), male: !head.male, age: age, role: .spouse, &rng)
        }
        if let spouse { members.append(spouse) }

        var remaining = n - members.count
        guard remaining > 0 else { return members }
        // Children take the father's surname: the head's, or a female head's husband's.
        let childSurname = head.male ? head.surname : (spouse?.surname ?? head.surname)
        let youngestParent = min(head.age, spouse?.age ?? head.age)
        // Children are 20–40 years younger than the younger parent and at most 50; one child a
        // year at most (twins aside).
        var childYears = Set<Int>()
        func child(_ rng: inout DemoRandom) -> DemoMember? {
            let lo = max(0, youngestParent - 40), hi = max(lo, min(50, youngestParent - 20))
            var age = rng.int(lo...hi)
            var tries = 0
            while childYears.contains(age), !rng.chance(0.03) {
                tries += 1
                if tries > 6 { return nil }
                age = rng.int(lo...hi)
            }
            childYears.insert(age)
            let male = rng.chance(0.52)
            let s = rng.chance(0.03) ? (head.male ? (spouse?.surname ?? childSurname) : head.surname) : childSurname
            return member(surname: s, male: male, age: age, role: male ? .son : .daughter, &rng)
        }

        if head.age >= 50, remaining >= 2, youngestParent >= 44, rng.chance(0.55) {
            // Three generations downwards: a married son and his children live with the head.
            let sonAge = rng.int(max(24, youngestParent - 38)...min(50, youngestParent - 20))
            members.append(member(surname: childSurname, male: true, age: sonAge, role: .son, &rng))
            childYears.insert(sonAge)
            remaining -= 1
            if remaining >= 2, rng.chance(0.6) {
                let age = max(20, sonAge + rng.int(-5...2))
                members.append(member(surname: surname(otherThan: childSurname, &rng), male: false, age: age,
                                      role: .daughterInLaw, &rng))
                remaining -= 1
            }
            let grandchildren = min(remaining, 1 + rng.below(3))
            for _ in 0..<grandchildren {
                let age = rng.int(0...min(30, sonAge - 20))
                members.append(member(surname: childSurname, male: rng.chance(0.53), age: age, role: .grandchild, &rng))
            }
            remaining -= grandchildren
        } else if head.age <= 65, rng.chance(remaining >= 3 ? 0.3 : 0.12) {
            // The head's parents live with the family.
            let fatherAge = head.age + rng.int(22...35)
            let motherAge = min(head.age + 35, max(head.age + 20, fatherAge - rng.int(-1...5)))
            let both = remaining >= 2 && rng.chance(0.45)
            if both {
                if fatherAge <= 100 {
                    members.append(member(surname: head.surname, male: true, age: fatherAge, role: .parent, &rng))
                    remaining -= 1
                }
                if motherAge <= 100 {
                    members.append(member(surname: surname(otherThan: head.surname, &rng), male: false, age: motherAge,
                                          role: .parent, &rng))
                    remaining -= 1
                }
            } else if rng.chance(0.7) {
                if motherAge <= 100 {
                    members.append(member(surname: surname(otherThan: head.surname, &rng), male: false, age: motherAge,
                                          role: .parent, &rng))
                    remaining -= 1
                }
            } else if fatherAge <= 100 {
                members.append(member(surname: head.surname, male: true, age: fatherAge, role: .parent, &rng))
                remaining -= 1
            }
        }
        if remaining > 0, rng.chance(0.03) {
            let age = min(90, max(16, head.age + rng.int(-10...10)))
            members.append(member(surname: head.surname, male: rng.chance(0.6), age: age, role: .sibling, &rng))
            remaining -= 1
        }
        if remaining > 0, rng.chance(0.015) {
            members.append(member(surname: randomSurname(&rng), male: rng.chance(0.5), age: rng.int(5...70), role: .other, &rng))
            remaining -= 1
        }
        // Slots no plausible child fits (young parents) are left empty: the household is smaller.
        for _ in 0..<remaining {
            if let c = child(&rng) { members.append(c) }
        }
        return members
    }
}
