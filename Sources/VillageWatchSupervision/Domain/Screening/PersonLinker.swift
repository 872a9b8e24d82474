import VillageWatchCore

/// Finds the registry person a roll's row is about. Rolls have typos, so beyond the exact ID
/// number a row is linked by name + birth date + village, or — when the number's check digit
/// fails and name and village agree — to the one person whose number differs in a single digit.
/// The basis is kept with every link, and findings from fuzzy links say so.
public struct PersonLinker: Sendable {
    public struct Link: Sendable, Equatable {
        public enum Basis: String, Sendable { case idNumber = "id-number", nameBirthVillage = "name-birth-village", oneDigit = "one-digit" }
        public let person: ScreeningWorld.Person
        public let basis: Basis

        public var chineseBasis: String {
            switch basis {
            case .idNumber: "身份证号码一致"
            case .nameBirthVillage: "身份证号码有误，按姓名、出生日期和村匹配"
            case .oneDigit: "身份证号码校验位不符，与本村同名人员仅差一位"
            }
        }
    }

    let persons: [String: ScreeningWorld.Person]
    let byNameBirthVillage: [String: [ScreeningWorld.Person]]
    let byNameVillage: [String: [ScreeningWorld.Person]]

    /// A name as written in one village: both fuzzy links require name and village to agree.
    public struct NameInVillage: Hashable, Sendable {
        public let name: String, village: String
        public init(name: String, village: String) { self.name = name; self.village = village }
    }

    /// The fuzzy indexes cover only the persons `fuzzyNames` lists (everyone when `nil`): the
    /// caller knows which rows the exact ID number does not link, and a fuzzy link needs the
    /// same name in the same village.
    public init(persons: [String: ScreeningWorld.Person], fuzzyNames: Set<NameInVillage>? = nil) {
        self.persons = persons
        var birth: [String: [ScreeningWorld.Person]] = [:], name: [String: [ScreeningWorld.Person]] = [:]
        let names = fuzzyNames.map { Set($0.map(\.name)) }
        for person in persons.values where names?.contains(person.name) ?? true
            && fuzzyNames?.contains(NameInVillage(name: person.name, village: person.villageCode)) ?? true {
            name[person.name + "|" + person.villageCode, default: []].append(person)
            if let born = IDNumber(person.id).birthDate { birth[person.name + "|" + born + "|" + person.villageCode, default: []].append(person) }
        }
        byNameBirthVillage = birth
        byNameVillage = name
    }

    public func link(id: String, name: String, village: String) -> Link? {
        if let person = persons[id] { return Link(person: person, basis: .idNumber) }
        let number = IDNumber(id)
        if let born = number.birthDate, let candidates = byNameBirthVillage[name + "|" + born + "|" + village], candidates.count == 1 {
            return Link(person: candidates[0], basis: .nameBirthVillage)
        }
        guard number.problem == .checksum else { return nil }
        let near = (byNameVillage[name + "|" + village] ?? []).filter { Self.differInOneDigit($0.id, number.text) }
        return near.count == 1 ? Link(person: near[0], basis: .oneDigit) : nil
    }

    static func differInOneDigit(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        return x.count == y.count && zip(x, y).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } == 1
    }
}
