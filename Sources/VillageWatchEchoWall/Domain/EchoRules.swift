import Foundation

/// A county's echo wall time limits, in working days: acknowledgement, the answer by kind, and
/// the new limit after an escalation. Read from `VILLAGEWATCH_ECHO_RULES` (JSON) when set, e.g.
/// `{"acknowledgeDays": 1, "answerDays": {"question": 5, "suggestion": 10, "complaint": 15, "report": 15}, "escalatedDays": 5}`.
public struct EchoRules: Sendable, Hashable, Codable {
    public struct AnswerDays: Sendable, Hashable, Codable {
        public var question: Int, suggestion: Int, complaint: Int, report: Int

        public init(question: Int, suggestion: Int, complaint: Int, report: Int) {
            self.question = question
            self.suggestion = suggestion
            self.complaint = complaint
            self.report = report
        }

        public subscript(kind: EchoItemKind) -> Int {
            switch kind {
            case .question: question
            case .suggestion: suggestion
            case .complaint: complaint
            case .report: report
            }
        }
    }

    public var acknowledgeDays: Int
    public var answerDays: AnswerDays
    /// The level an item escalates to has this many working days to answer it.
    public var escalatedDays: Int

    public init(acknowledgeDays: Int = 1, answerDays: AnswerDays = .init(question: 5, suggestion: 10, complaint: 15, report: 15),
                escalatedDays: Int = 5) {
        self.acknowledgeDays = acknowledgeDays
        self.answerDays = answerDays
        self.escalatedDays = escalatedDays
    }

    public static let defaults = EchoRules()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(acknowledgeDays: try c.decodeIfPresent(Int.self, forKey: .acknowledgeDays) ?? 1,
                  answerDays: try c.decodeIfPresent(AnswerDays.self, forKey: .answerDays) ?? Self.defaults.answerDays,
                  escalatedDays: try c.decodeIfPresent(Int.self, forKey: .escalatedDays) ?? 5)
        let all = [acknowledgeDays, escalatedDays] + EchoItemKind.allCases.map { answerDays[$0] }
        guard all.allSatisfy({ (1...60).contains($0) }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "every limit must be 1...60 working days"))
        }
    }

    public static func load(path: String? = ProcessInfo.processInfo.environment["VILLAGEWATCH_ECHO_RULES"]) throws -> EchoRules {
        guard let path else { return .defaults }
        return try JSONDecoder().decode(EchoRules.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
