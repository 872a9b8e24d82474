import Foundation

/// Who is on the other side of a village account's transaction: a cadre of that village, a
/// cadre's declared relative, a registered villager, an organisation (government payer or
/// company), or an individual the registry does not know. Organisations are shown in full on
/// public pages; everyone else is masked. Individuals are matched by name within the village,
/// so the basis is recorded and the supervision module treats name-only matches as leads,
/// never as facts.
public struct CounterpartyResolver: Sendable {
    public enum Kind: String, Sendable, Equatable {
        case cadre, relative, villager, government, company, individual, none

        public var chineseName: String {
            switch self {
            case .cadre: "本村干部"
            case .relative: "村干部亲属"
            case .villager: "本村村民"
            case .government: "政府机关"
            case .company: "企业或组织"
            case .individual: "个人"
            case .none: "—"
            }
        }

        /// Whether the name may appear in full on public pages.
        public var isOrganisation: Bool { self == .government || self == .company }
    }

    public struct Match: Sendable, Equatable {
        public let kind: Kind
        /// For a cadre or relative: the position or relationship that matched.
        public let detail: String?
    }

    /// Names of the village's cadres (with positions), declared relatives (with relationship)
    /// and registered villagers.
    public let cadres: [String: String]
    public let relatives: [String: String]
    public let villagers: Set<String>

    public init(cadres: [String: String], relatives: [String: String], villagers: Set<String>) {
        self.cadres = cadres
        self.relatives = relatives
        self.villagers = villagers
    }

    static let governmentMarks = ["人民政府", "财政", "国库", "局", "委员会", "办事处", "街道办", "管理所", "中心校"]
    /// Only marks no personal name contains, so a villager is never shown unmasked by mistake.
    static let companyMarks = ["公司", "工厂", "商店", "合作社", "中心", "银行", "医院", "学校", "商行", "经营部", "服务站", "养殖场", "协会", "门市"]
    static let companySuffixes = ["厂", "店"]

    public func resolve(_ name: String?) -> Match {
        guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return Match(kind: .none, detail: nil) }
        if Self.governmentMarks.contains(where: name.contains) { return Match(kind: .government, detail: nil) }
        if Self.companyMarks.contains(where: name.contains) || Self.companySuffixes.contains(where: name.hasSuffix) || name.count > 6 {
            return Match(kind: .company, detail: nil)
        }
        if let position = cadres[name] { return Match(kind: .cadre, detail: position) }
        if let relationship = relatives[name] { return Match(kind: .relative, detail: relationship) }
        return Match(kind: villagers.contains(name) ? .villager : .individual, detail: nil)
    }
}
