/// Where an item stands. Submitted and acknowledged items wait for an answer, as does a
/// reopened one; an answered item waits for the villager's rating; a rated one is closed.
public enum EchoStatus: String, Sendable, Codable, CaseIterable {
    case submitted, acknowledged, answered, reopened, closed

    public var chineseName: String {
        switch self {
        case .submitted: "待受理"
        case .acknowledged: "办理中"
        case .answered: "已答复"
        case .reopened: "重新办理"
        case .closed: "已办结"
        }
    }

    /// Waiting for the handler's answer (and so counting against the deadline).
    public var awaitsAnswer: Bool { self == .submitted || self == .acknowledged || self == .reopened }

    /// The states that wait for an answer, for queries.
    public static let awaitingAnswer = allCases.filter(\.awaitsAnswer).map(\.rawValue)
    /// The states with an answer standing.
    public static let answeredStates = [answered.rawValue, closed.rawValue]

    /// Open311's two states: open until answered.
    public var open311: String { awaitsAnswer ? "open" : "closed" }
}
