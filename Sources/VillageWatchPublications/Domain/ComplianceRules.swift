import Foundation

/// When publications are due, per county.
///
/// The defaults are the county rules of issue 3, read from 村民委员会组织法 Art. 30 and the
/// 五议 procedure. A county overrides them in its JSON configuration; any key it leaves out
/// keeps its default, so a config file only has to name what differs, e.g.
/// `{"finance": {"cadence": "quarterly", "dueDay": 20}, "majorMatterDays": 3}`.
public struct ComplianceRules: Sendable, Hashable, Codable {
    public enum Cadence: String, Sendable, Hashable, Codable, CaseIterable {
        case monthly
        case quarterly

        var periodLength: PublicationPeriod.Length { self == .monthly ? .month : .quarter }
    }

    /// A periodic publication: one per period, due on `dueDay` of the month after the period
    /// ends (clamped to that month's last day, so 31 means "by the end of the month").
    public struct Regular: Sendable, Hashable, Codable {
        public var cadence: Cadence
        public var dueDay: Int

        public init(cadence: Cadence, dueDay: Int) {
            self.cadence = cadence
            self.dueDay = dueDay
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cadence = try c.decode(Cadence.self, forKey: .cadence)
            dueDay = try c.decode(Int.self, forKey: .dueDay)
            guard (1...31).contains(dueDay) else {
                throw DecodingError.dataCorruptedError(forKey: .dueDay, in: c, debugDescription: "dueDay must be 1...31, got \(dueDay)")
            }
        }
    }

    /// 财务公开: monthly, by the 10th of the next month.
    public var finance: Regular
    /// 村务公开: quarterly, by the 15th of the month after the quarter.
    public var village: Regular
    /// 党务公开: quarterly, by the 15th of the month after the quarter.
    public var party: Regular
    /// 重大事项: published within this many days of the decision.
    public var majorMatterDays: Int
    /// 五议 proposal: on display at least this many days before the vote.
    public var proposalDisplayDays: Int
    /// 五议 resolution: published within this many days after the vote...
    public var resolutionDueDays: Int
    /// ...and on display at least this many days.
    public var resolutionDisplayDays: Int

    public init(
        finance: Regular = Regular(cadence: .monthly, dueDay: 10),
        village: Regular = Regular(cadence: .quarterly, dueDay: 15),
        party: Regular = Regular(cadence: .quarterly, dueDay: 15),
        majorMatterDays: Int = 5,
        proposalDisplayDays: Int = 15,
        resolutionDueDays: Int = 5,
        resolutionDisplayDays: Int = 3
    ) {
        self.finance = finance
        self.village = village
        self.party = party
        self.majorMatterDays = majorMatterDays
        self.proposalDisplayDays = proposalDisplayDays
        self.resolutionDueDays = resolutionDueDays
        self.resolutionDisplayDays = resolutionDisplayDays
    }

    public static let defaults = ComplianceRules()

    public func regular(_ kind: PublicationKind) -> Regular {
        switch kind {
        case .finance: finance
        case .village: village
        case .party: party
        }
    }

    private enum CodingKeys: String, CodingKey {
        case finance, village, party, majorMatterDays, proposalDisplayDays, resolutionDueDays, resolutionDisplayDays
    }

    /// Missing keys keep their defaults; negative day counts are rejected.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.defaults
        finance = try c.decodeIfPresent(Regular.self, forKey: .finance) ?? d.finance
        village = try c.decodeIfPresent(Regular.self, forKey: .village) ?? d.village
        party = try c.decodeIfPresent(Regular.self, forKey: .party) ?? d.party
        func days(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            let value = try c.decodeIfPresent(Int.self, forKey: key) ?? fallback
            guard value >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) must not be negative, got \(value)")
            }
            return value
        }
        majorMatterDays = try days(.majorMatterDays, d.majorMatterDays)
        proposalDisplayDays = try days(.proposalDisplayDays, d.proposalDisplayDays)
        resolutionDueDays = try days(.resolutionDueDays, d.resolutionDueDays)
        resolutionDisplayDays = try days(.resolutionDisplayDays, d.resolutionDisplayDays)
    }
}
