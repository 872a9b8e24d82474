import Foundation
import VillageWatchCore

/// Scores and rankings of publication compliance, for villages and towns.
public enum ComplianceScore {
    /// One month's score: obligations are assigned to the month of their due date, because
    /// that is the month in which the village had to act.
    public struct MonthlyScore: Sendable, Hashable {
        public var month: PublicationPeriod
        public var score: Int
        /// Obligations counted (all but pending).
        public var due: Int
        public var onTime: Int
        public var late: Int
        public var overdue: Int

        public init(month: PublicationPeriod, score: Int, due: Int, onTime: Int, late: Int, overdue: Int) {
            self.month = month
            self.score = score
            self.due = due
            self.onTime = onTime
            self.late = late
            self.overdue = overdue
        }
    }

    /// Days of lateness after which a late publication earns nothing.
    public static let lateDaysToZero = 30

    /// What one obligation earns, 0...1: on time 1; late loses 1/30 per day, so a week late
    /// still earns most of it and a month late earns what not publishing earns; overdue 0.
    /// `nil` for pending ones, which are not due and must not count either way.
    static func credit(_ status: Obligation.Status) -> Double? {
        switch status {
        case .onTime: 1
        case .late(let days): max(0, 1 - Double(days) / Double(lateDaysToZero))
        case .overdue: 0
        case .pending: nil
        }
    }

    /// 0...100: the average credit of the obligations that count, ×100, rounded half up;
    /// 100 when nothing counts (a village that owed nothing has failed at nothing).
    public static func score(_ obligations: [Obligation]) -> Int {
        let credits = obligations.compactMap { credit($0.status) }
        guard !credits.isEmpty else { return 100 }
        return Int((credits.reduce(0, +) / Double(credits.count) * 100).rounded(.toNearestOrAwayFromZero))
    }

    /// One score per month in `months` (in that order), each over the obligations due in it.
    /// Periods that are not months are matched by the month they start in.
    public static func monthly(_ obligations: [Obligation], months: [PublicationPeriod]) -> [MonthlyScore] {
        let byMonth = Dictionary(grouping: obligations) { PublicationPeriod.month(containing: $0.dueOn) }
        return months.map { requested in
            let month = PublicationPeriod.month(containing: requested.firstDay)
            let these = byMonth[month] ?? []
            var onTime = 0, late = 0, overdue = 0
            for obligation in these {
                switch obligation.status {
                case .onTime: onTime += 1
                case .late: late += 1
                case .overdue: overdue += 1
                case .pending: break
                }
            }
            return MonthlyScore(month: month, score: score(these), due: onTime + late + overdue, onTime: onTime, late: late, overdue: overdue)
        }
    }

    /// Best first, with standard competition ranking: equal scores share a rank and the next
    /// rank skips (1, 2, 2, 4), so a rank always says how many did better. Equal scores are
    /// listed by key so the order is stable.
    public static func ranking(_ scores: [String: Int]) -> [(key: String, score: Int, rank: Int)] {
        let ordered = scores.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        var result: [(key: String, score: Int, rank: Int)] = []
        for (position, entry) in ordered.enumerated() {
            let rank = position > 0 && result[position - 1].score == entry.value ? result[position - 1].rank : position + 1
            result.append((key: entry.key, score: entry.value, rank: rank))
        }
        return result
    }
}
