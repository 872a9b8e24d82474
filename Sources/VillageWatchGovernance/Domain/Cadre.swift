import VillageWatchCore

/// A village cadre's term in one position (村干部任职).
public struct Cadre: Sendable, Hashable {
    public let idNumber: String
    public let idProblem: String?
    public let name: String
    public let villageCode: AreaCode
    public let position: String
    public let termStart: String
    public let termEnd: String?

    /// Whether the term covers `date` (`YYYY-MM-DD`).
    public func serves(on date: String) -> Bool {
        termStart <= date && (termEnd.map { date <= $0 } ?? true)
    }
}

/// A close relative a cadre has declared (亲属关系申报).
public struct DeclaredRelative: Sendable, Hashable {
    public let cadreIDNumber: String
    public let relativeIDNumber: String
    public let relativeIDProblem: String?
    public let relativeName: String
    public let relationship: String
    /// The village where the declaring cadre serves: the declaration's area for access checks.
    public let villageCode: AreaCode
}

/// The positions the county recognises, in the order a village page lists them.
public enum CadrePosition {
    public static let ordered = ["党支部书记", "村委会主任", "居委会主任", "党支部副书记", "村委会副主任", "村委委员", "村务监督委员会主任",
                                 "村务监督委员会委员", "报账员", "村民小组长"]

    /// Sort key: known positions first in the order above, others after.
    public static func rank(_ position: String) -> Int { ordered.firstIndex(of: position) ?? ordered.count }
}

/// Relationships accepted in `relatives.csv`.
public enum DeclaredRelationship {
    public static let all: Set<String> = ["配偶", "父母", "子女", "兄弟姐妹", "配偶父母", "子女配偶", "其他"]
}
