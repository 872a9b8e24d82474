import VillageWatchCore

/// What a villager brings to the echo wall (回音壁). The kind decides who answers first and how
/// long they have: questions and suggestions are the village's, complaints the town's, and
/// reports about cadres go straight to the supervision officers and the discipline commission.
public enum EchoItemKind: String, Sendable, Codable, CaseIterable {
    case question, suggestion, complaint, report

    public var chineseName: String {
        switch self {
        case .question: "咨询"
        case .suggestion: "建议"
        case .complaint: "投诉"
        case .report: "举报村干部"
        }
    }

    /// The level that handles an item of this kind when it arrives.
    public var firstLevel: EchoLevel {
        switch self {
        case .question, .suggestion: .village
        case .complaint: .town
        case .report: .commission
        }
    }

    /// Reports name cadres: their text, photos and reporter stay with the supervision officers
    /// and the commission, and public pages show only the category and the answer.
    public var isCadreReport: Bool { self == .report }

    /// The permission that shows items of this kind in the back office.
    public var viewPermission: Permission { isCadreReport ? .viewCadreReports : .viewEchoItems }
}

/// What an item is about.
public enum EchoCategory: String, Sendable, Codable, CaseIterable {
    case finances, benefits, land, conduct, services, other

    public var chineseName: String {
        switch self {
        case .finances: "村级财务"
        case .benefits: "惠民补贴"
        case .land: "土地与发包"
        case .conduct: "干部作风"
        case .services: "公共服务"
        case .other: "其他"
        }
    }
}
