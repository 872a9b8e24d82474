/// A fixed-size Bloom filter over the keys a run has registered: "certainly not met before"
/// for almost every key of a batch, so that the registry's table is queried only for the few
/// keys that may repeat.
///
/// Its size does not depend on the file (4 MiB); with a million keys about one in 1,600 is a
/// false "maybe", which costs one small query and never a wrong answer, since the registry
/// decides.
struct ImportKeyFilter {
    private static let bitCount = 1 << 25
    private var words = [UInt64](repeating: 0, count: bitCount / 64)

    func mightContain(_ key: String) -> Bool {
        positions(of: key).allSatisfy { words[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
    }

    mutating func insert(_ key: String) {
        for bit in positions(of: key) { words[bit >> 6] |= 1 << UInt64(bit & 63) }
    }

    /// Three bit positions from two hashes (Kirsch–Mitzenmacher double hashing).
    private func positions(of key: String) -> [Int] {
        var hasher = Hasher()
        hasher.combine(key)
        let first = UInt64(bitPattern: Int64(hasher.finalize()))
        let second = (first >> 29 | first << 35) &* 0x9E37_79B9_7F4A_7C15 | 1
        let mask = UInt64(Self.bitCount - 1)
        return (0..<3).map { Int((first &+ UInt64($0) &* second) & mask) }
    }
}
