import Foundation

/// Benford's first-digit test as Nigrini applies it to payments: the mean absolute deviation
/// (MAD) of the nine first-digit proportions from Benford's. The one place the engine uses
/// floating point: it is a statistic about amounts, never an amount.
public struct BenfordTest: Sendable, Equatable {
    /// How many amounts start with 1, 2, … 9.
    public let digitCounts: [Int64]
    public let mad: Double

    /// Amounts in fen: the first digit of fen is the first significant digit of the yuan amount.
    /// Zero amounts have no first digit and are left out.
    public init(amountsFen: [Int64]) {
        var counts = [Int64](repeating: 0, count: 9)
        for amount in amountsFen where amount != 0 {
            counts[Self.firstDigit(amount.magnitude) - 1] += 1
        }
        digitCounts = counts
        let total = Double(counts.reduce(0, +))
        mad = total == 0 ? 0 : (1...9).reduce(0.0) { sum, digit in
            sum + abs(Double(counts[digit - 1]) / total - log10(1 + 1 / Double(digit)))
        } / 9
    }

    public var count: Int64 { digitCounts.reduce(0, +) }

    /// The MAD with 4 decimals, as evidence shows it.
    public var madText: String { String(format: "%.4f", mad) }

    static func firstDigit(_ value: UInt64) -> Int {
        var value = value
        while value >= 10 { value /= 10 }
        return Int(value)
    }
}
