/// Where a lead (问题线索) stands. Open and verifying leads count against their deadline;
/// confirmed and cleared ones are closed for good.
public enum LeadStatus: String, Sendable, Codable, CaseIterable {
    case open, verifying, confirmed, cleared

    public var chineseName: String {
        switch self {
        case .open: "待核实"
        case .verifying: "核实中"
        case .confirmed: "已查实"
        case .cleared: "已排除"
        }
    }

    public var isClosed: Bool { self == .confirmed || self == .cleared }
}
