/// The demo's own pseudo-random generator (SplitMix64).
///
/// The demo must produce byte-identical files for the same input on every platform and every
/// Swift version, so it never touches `SystemRandomNumberGenerator` nor the standard library's
/// `random(in:using:)` algorithms (which are free to change); every draw goes through the
/// helpers below.
public struct DemoRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator derived from this seed and a label, independent of any other label's stream.
    public init(seed: UInt64, label: String) {
        self.init(seed: Self.mix(seed, Self.hash(label)))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<n` (multiply-high; bias is far below anything the demo could notice).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "empty range")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in a closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn from cumulative integer weights (last element is the total).
    mutating func index(cumulative: [Int]) -> Int {
        let r = below(cumulative[cumulative.count - 1])
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// SplitMix64 finaliser over two words: a stable way to derive sub-seeds.
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a ^ ((b &<< 32) | (b >> 32))
        z = z &+ (b &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over UTF-8 bytes: stable across processes, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
