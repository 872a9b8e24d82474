import VillageWatchCore

/// Who is close to whom: a person's household (from the registry) and declared relatives in
/// both directions, and which cadres served which village when.
public struct Kinship: Sendable {
    /// Members' ID numbers per household: IDs rather than persons, since a county groups 1.5
    /// million of them and the members' other details are needed only for the rare matches.
    let households: [String: [String]]
    let declared: [String: Set<String>]
    let cadresByVillage: [String: [ScreeningWorld.Cadre]]
    let persons: [String: ScreeningWorld.Person]
    let relativesByCadre: [String: [ScreeningWorld.Relative]]
    /// Everyone `cadreTie(of:)` can tie to some cadre: cadres, their households, and both sides of
    /// every declared relationship. Millions of payments are checked; a few thousand can match.
    let closeToCadres: Set<String>

    public init(world: ScreeningWorld) {
        persons = world.persons
        var households: [String: [String]] = [:]
        for (id, person) in world.persons { households[person.householdID, default: []].append(id) }
        self.households = households
        var declared: [String: Set<String>] = [:]
        for relative in world.relatives {
            declared[relative.cadreID, default: []].insert(relative.id)
            declared[relative.id, default: []].insert(relative.cadreID)
        }
        self.declared = declared
        cadresByVillage = Dictionary(grouping: world.cadres, by: \.villageCode)
        relativesByCadre = Dictionary(grouping: world.relatives, by: \.cadreID)
        var close = Set(world.relatives.flatMap { [$0.id, $0.cadreID] })
        for cadre in world.cadres {
            close.insert(cadre.id)
            close.formUnion(Self.members(of: cadre.id, persons: persons, households: households))
        }
        closeToCadres = close
    }

    /// The ID numbers of the person's household, the person included (none when not registered).
    func memberIDs(of id: String) -> [String] { Self.members(of: id, persons: persons, households: households) }

    private static func members(of id: String, persons: [String: ScreeningWorld.Person], households: [String: [String]]) -> [String] {
        persons[id].flatMap { households[$0.householdID] } ?? []
    }

    public func householdIDs(of id: String) -> Set<String> { Set(memberIDs(of: id) + [id]) }

    /// Whether someone called `name` lives in `id`'s household (other than `excluded`). Asked of
    /// millions of payments, so it looks names up rather than building the household.
    public func household(of id: String, hasMemberNamed name: String, other excluded: String? = nil) -> Bool {
        memberIDs(of: id).contains { $0 != excluded && persons[$0]?.name == name }
    }

    /// The cadre of `village`, serving between `first` and `last`, that `id` is, lives with, or
    /// was declared by; with how they are related.
    public func cadreTie(of id: String, name: String? = nil, in village: String, from first: CalendarDate,
                         to last: CalendarDate) -> (cadre: ScreeningWorld.Cadre, tie: String)? {
        let home = persons[id]?.householdID
        for cadre in cadres(of: village, from: first, to: last) {
            if cadre.id == id { return (cadre, "本人") }
            if let home, persons[cadre.id]?.householdID == home { return (cadre, "家庭成员") }
            if declared[cadre.id]?.contains(id) == true { return (cadre, "申报亲属") }
        }
        return nil
    }

    /// The cadre of `village`, serving between `first` and `last`, who is called `name`, whose
    /// household (when `household`) has a member called `name`, or who declared a relative of
    /// that name. Bank lines and some leases carry only a name, so this is the best they allow;
    /// findings from it say the match is by name.
    public func cadreTie(named name: String, in village: String, from first: CalendarDate, to last: CalendarDate,
                         household: Bool) -> (cadre: ScreeningWorld.Cadre, tie: String)? {
        for cadre in cadres(of: village, from: first, to: last) {
            if cadre.name == name { return (cadre, "本人") }
            if household, self.household(of: cadre.id, hasMemberNamed: name, other: cadre.id) { return (cadre, "家庭成员") }
            if let relative = relativesByCadre[cadre.id]?.first(where: { $0.name == name }) { return (cadre, "申报亲属（\(relative.relationship)）") }
        }
        return nil
    }

    func cadres(of village: String, from first: CalendarDate, to last: CalendarDate) -> [ScreeningWorld.Cadre] {
        (cadresByVillage[village] ?? []).filter { $0.termStart <= last && ($0.termEnd.map { $0 >= first } ?? true) }
    }
}
