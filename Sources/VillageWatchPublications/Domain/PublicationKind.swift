import Foundation

/// The three publications (三公开) a village owes its villagers.
public enum PublicationKind: String, CaseIterable, Codable, Sendable, Hashable {
    case party
    case village
    case finance

    /// The name villagers and officers see.
    public var chineseName: String {
        switch self {
        case .party: "党务公开"
        case .village: "村务公开"
        case .finance: "财务公开"
        }
    }
}

/// What a publication is about. Only `regular`, `major`, `proposal` and `resolution` carry a
/// deadline in the compliance calendar; the others are published as they arise.
public enum PublicationCategory: String, CaseIterable, Codable, Sendable, Hashable {
    case regular
    case major
    case proposal
    case resolution
    case benefitList = "benefit-list"
    case personnel
    case tender

    public var chineseName: String {
        switch self {
        case .regular: "定期公开"
        case .major: "重大事项"
        case .proposal: "五议提议"
        case .resolution: "五议决议"
        case .benefitList: "惠民资金及名单"
        case .personnel: "人事"
        case .tender: "项目招投标"
        }
    }
}
