/// How the demo's transactions are shared among accounts and where irregularities are planted.
///
/// Every village has one account and each of its groups one; a village's account is about
/// three times as busy as a group's (jittered per account). Shares are apportioned by largest
/// remainder, so the total is exactly the requested number.
///
/// Planted, by the village's position in the list (so a test on a few villages meets each):
/// villages 0, 97, 194, … pay a cadre's declared relative (劳务费, not payroll); 1, 98, 195, …
/// split ¥12,600–14,850 of 材料款 into three payments to one supplier within 5 days, each below
/// ¥5,000; 2, 99, 196, … withdraw ¥3,000–9,000 in cash (取现); villages 3 and 100 miss one
/// transaction in the middle of their history, so the running balance jumps.
struct DemoBankPlan {
    /// Transactions of each account, villages in order, each village's account before its groups'.
    let counts: [Int]

    /// A planted account needs room for its plant and flows on both sides of it.
    static let plantedMinimum = 12

    init(villages: [DemoVillage], groupCounts: [Int], transactions: Int, seed: UInt64) {
        var weights: [Double] = [], planted: [Int] = []
        for (index, village) in villages.enumerated() {
            if Self.plant(forVillageAt: index) != nil { planted.append(weights.count) }
            weights.append(3 * Self.jitter(village.code, seed: seed))
            for number in 1...max(1, groupCounts[index]) {
                weights.append(Self.jitter(village.code + DemoIDAllocator.digits(number, 3), seed: seed))
            }
        }
        var counts = Self.apportion(transactions, by: weights)
        for account in planted where counts[account] < Self.plantedMinimum {
            var missing = Self.plantedMinimum - counts[account]
            counts[account] = Self.plantedMinimum
            while missing > 0, let largest = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[largest] > Self.plantedMinimum {
                counts[largest] -= 1
                missing -= 1
            }
        }
        self.counts = counts
    }

    static func plant(forVillageAt index: Int) -> DemoIrregularity.Kind? {
        if index == 3 || index == 100 { return .balanceGap }
        switch index % 97 {
        case 0: return .paymentToRelative
        case 1: return .splitPayment
        case 2: return .cashWithdrawal
        default: return nil
        }
    }

    private static func jitter(_ code: String, seed: UInt64) -> Double {
        var rng = DemoRandom(seed: seed, label: "bank-weight/" + code)
        return 0.7 + 0.6 * rng.unit()
    }

    private static func apportion(_ total: Int, by weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let shares = weights.map { $0 / sum * Double(total) }
        var counts = shares.map { Int($0.rounded(.down)) }
        let order = shares.indices.sorted { a, b in
            let ra = shares[a] - shares[a].rounded(.down), rb = shares[b] - shares[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        for i in 0..<(total - counts.reduce(0, +)) { counts[order[i % order.count]] += 1 }
        return counts
    }
}
