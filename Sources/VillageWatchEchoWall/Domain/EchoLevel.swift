import VillageWatchCore

/// Who handles an item: the village committee, the town, or the supervision officers and the
/// discipline commission. A late item moves one level up (village → town → commission).
public enum EchoLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case village, town, commission

    public var chineseName: String {
        switch self {
        case .village: "村（居）委会"
        case .town: "镇（街道）"
        case .commission: "监察专干／纪委监委"
        }
    }

    /// The level an overdue item escalates to; none above the commission.
    public var next: EchoLevel? {
        switch self {
        case .village: .town
        case .town: .commission
        case .commission: nil
        }
    }

    /// The permission that answers items at this level (`AccessPolicy` says which roles hold it).
    public var answerPermission: Permission {
        switch self {
        case .village: .answerVillageEchoItems
        case .town: .answerTownEchoItems
        case .commission: .answerCommissionEchoItems
        }
    }

    /// The area whose handlers are notified: the village itself, its town, or the county.
    public func handlerArea(village: AreaCode) -> AreaCode {
        switch self {
        case .village: village
        case .town: village.town ?? village
        case .commission: village.county ?? village
        }
    }

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}
