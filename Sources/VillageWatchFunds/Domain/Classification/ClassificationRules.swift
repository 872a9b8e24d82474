import Foundation

/// The county's editable rules that assign a category to each bank transaction from its
/// summary (摘要), purpose (用途), counterparty and channel. Rules are tried in order; the first
/// that matches wins; a transaction no rule matches is "other income" or "other expense".
/// Counties edit them as a JSON file (`VILLAGEWATCH_CLASSIFICATION_RULES`) without recompiling;
/// the clerk can still override any single transaction.
public struct ClassificationRules: Sendable, Codable, Equatable {
    public struct Rule: Sendable, Codable, Equatable {
        public enum Direction: String, Sendable, Codable { case `in`, out, any }

        public var category: FundsCategory
        public var direction: Direction
        /// Any of these words in the summary or purpose.
        public var keywords: [String]
        /// Any of these words in the counterparty's name.
        public var counterparty: [String]
        /// Any of these channels (转账, 现金, 代发, 手续费…).
        public var channels: [String]

        public init(category: FundsCategory, direction: Direction, keywords: [String] = [], counterparty: [String] = [], channels: [String] = []) {
            self.category = category; self.direction = direction; self.keywords = keywords
            self.counterparty = counterparty; self.channels = channels
        }

        enum CodingKeys: String, CodingKey { case category, direction, keywords, counterparty, channels }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            category = try c.decode(FundsCategory.self, forKey: .category)
            direction = try c.decodeIfPresent(Direction.self, forKey: .direction) ?? .any
            keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
            counterparty = try c.decodeIfPresent([String].self, forKey: .counterparty) ?? []
            channels = try c.decodeIfPresent([String].self, forKey: .channels) ?? []
        }

        /// A rule with no condition would swallow everything after it.
        var hasCondition: Bool { !keywords.isEmpty || !counterparty.isEmpty || !channels.isEmpty }
    }

    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// What a transaction is classified by.
    public struct Facts: Sendable {
        public let amountFen: Int64
        public let summary: String
        public let purpose: String
        public let counterpartyName: String
        public let channel: String

        public init(amountFen: Int64, summary: String?, purpose: String?, counterpartyName: String?, channel: String?) {
            self.amountFen = amountFen; self.summary = summary ?? ""; self.purpose = purpose ?? ""
            self.counterpartyName = counterpartyName ?? ""; self.channel = channel ?? ""
        }
    }

    public func classify(_ facts: Facts) -> FundsCategory {
        let incoming = facts.amountFen > 0
        // A category is only ever given to money on its own side, whatever a rule's direction says.
        for rule in rules where rule.category.isIncome == incoming && (rule.direction == .any || (rule.direction == .in) == incoming) {
            let text = facts.summary + " " + facts.purpose
            if rule.keywords.contains(where: text.contains) || rule.counterparty.contains(where: facts.counterpartyName.contains)
                || rule.channels.contains(facts.channel) {
                return rule.category
            }
        }
        return incoming ? .otherIncome : .otherExpense
    }

    /// Decodes a county's rules, refusing a rule without any condition or with the wrong
    /// direction for its category.
    public static func decode(_ data: Data, file: String) throws -> ClassificationRules {
        let rules = try JSONDecoder().decode(ClassificationRules.self, from: data)
        for (i, rule) in rules.rules.enumerated() {
            guard rule.hasCondition else { throw ClassificationRulesError(file: file, rule: i + 1, reason: "a rule needs keywords, counterparty or channels") }
            if rule.direction == .in && !rule.category.isIncome || rule.direction == .out && rule.category.isIncome {
                throw ClassificationRulesError(file: file, rule: i + 1, reason: "\(rule.category.rawValue) does not fit direction \(rule.direction.rawValue)")
            }
        }
        return rules
    }

    /// The defaults, from common summaries of rural commercial banks and village accounting.
    public static let defaults = ClassificationRules(rules: [
        Rule(category: .bankFees, direction: .out, keywords: ["手续费", "工本费", "短信费", "账户管理费"], channels: ["手续费"]),
        Rule(category: .interestIncome, direction: .in, keywords: ["利息", "结息"]),
        Rule(category: .transferIn, direction: .in, keywords: ["转移支付", "运转经费", "办公经费", "村级组织"], counterparty: ["财政", "国库"]),
        Rule(category: .subsidyIncome, direction: .in, keywords: ["补助", "补贴", "奖补", "扶持资金"], counterparty: ["人民政府", "农业农村局", "民政局"]),
        Rule(category: .leaseIncome, direction: .in, keywords: ["租金", "承包费", "发包", "鱼塘", "租赁"]),
        Rule(category: .businessIncome, direction: .in, keywords: ["经营", "分红", "销售", "服务费"]),
        Rule(category: .wages, direction: .out, keywords: ["工资", "误工", "补贴发放", "报酬", "代发"], channels: ["代发"]),
        Rule(category: .works, direction: .out, keywords: ["工程", "建材", "材料款", "硬化", "修缮", "施工", "进度款"]),
        Rule(category: .office, direction: .out, keywords: ["办公", "文具", "电费", "水费", "网费", "话费", "印刷"]),
        Rule(category: .publicWelfare, direction: .out, keywords: ["慰问", "救助", "公益", "卫生", "保洁", "绿化"]),
        Rule(category: .transferOut, direction: .out, keywords: ["转出", "上缴", "归还"]),
    ])
}

public struct ClassificationRulesError: Error, CustomStringConvertible {
    public let file: String, rule: Int, reason: String
    public var description: String { "\(file): rule \(rule): \(reason)" }
}

extension ClassificationRules {
    /// The county's rules file (`VILLAGEWATCH_CLASSIFICATION_RULES`), or the defaults.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClassificationRules {
        guard let path = environment["VILLAGEWATCH_CLASSIFICATION_RULES"] else { return .defaults }
        return try decode(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
    }
}
