import Crypto
import Foundation

/// An RFC 6962 / RFC 9162 Merkle tree over leaf hashes, kept in memory.
///
/// Every complete, aligned subtree's hash is stored (`levels[h][i]` covers leaves
/// `i·2^h ..< (i+1)·2^h`), so the hash of any subtree a proof needs is a lookup or a short
/// recursion, and an inclusion or consistency proof costs O(log n) hashes even for millions of
/// leaves. Levels are flat byte arrays (32 bytes per node) to keep a million-leaf tree compact.
public struct MerkleTree: Sendable {
    public static let hashSize = 32
    private var levels: [[UInt8]] = [[]]

    public init() {}

    public var size: Int { levels[0].count / Self.hashSize }

    /// `SHA-256(0x00 || bytes)`.
    public static func leafHash(_ bytes: Data) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0])
        hasher.update(data: bytes)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [1])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    public static let emptyRoot = Array(SHA256.hash(data: Data()))

    public mutating func append(leafHash: [UInt8]) {
        precondition(leafHash.count == Self.hashSize)
        levels[0].append(contentsOf: leafHash)
        var index = size - 1, level = 0
        while index % 2 == 1 {
            let parent = Self.nodeHash(node(level, index - 1), node(level, index))
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(contentsOf: parent)
            index /= 2
            level += 1
        }
    }

    public func leafHash(at index: Int) -> [UInt8] { node(0, index) }

    /// The root of the tree of the first `size` leaves (MTH(D[0:size])).
    public func root(size: Int) throws(MerkleError) -> [UInt8] {
        guard size >= 0, size <= self.size else { throw .outOfRange("tree size \(size) exceeds \(self.size)") }
        return size == 0 ? Self.emptyRoot : hash(start: 0, count: size)
    }

    /// RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of `size` leaves.
    public func inclusionProof(index: Int, size: Int) throws(MerkleError) -> [[UInt8]] {
        guard size <= self.size, index >= 0, index < size else {
            throw .outOfRange("index \(index) is not in a tree of size \(size) (log size \(self.size))")
        }
        return path(index, start: 0, count: size)
    }

    /// RFC 9162 §2.1.4.1 consistency proof between the trees of `first` and `second` leaves.
    public func consistencyProof(first: Int, second: Int) throws(MerkleError) -> [[UInt8]] {
        guard first >= 1, first <= second, second <= self.size else {
            throw .outOfRange("need 1 ≤ first ≤ second ≤ \(self.size), got first \(first), second \(second)")
        }
        return first == second ? [] : subproof(first, start: 0, count: second, complete: true)
    }

    private func node(_ level: Int, _ index: Int) -> [UInt8] {
        let offset = index * Self.hashSize
        return Array(levels[level][offset ..< offset + Self.hashSize])
    }

    /// MTH of leaves `start ..< start+count`: a stored node when the range is an aligned power of
    /// two, otherwise split at the largest power of two below `count` (RFC 6962 §2.1).
    private func hash(start: Int, count: Int) -> [UInt8] {
        if count & (count - 1) == 0, start % count == 0 {
            return node(count.trailingZeroBitCount, start / count)
        }
        let k = Self.splitPoint(count)
        return Self.nodeHash(hash(start: start, count: k), hash(start: start + k, count: count - k))
    }

    private func path(_ m: Int, start: Int, count: Int) -> [[UInt8]] {
        guard count > 1 else { return [] }
        let k = Self.splitPoint(count)
        return m < k
            ? path(m, start: start, count: k) + [hash(start: start + k, count: count - k)]
            : path(m - k, start: start + k, count: count - k) + [hash(start: start, count: k)]
    }

    private func subproof(_ m: Int, start: Int, count: Int, complete: Bool) -> [[UInt8]] {
        if m == count { return complete ? [] : [hash(start: start, count: m)] }
        let k = Self.splitPoint(count)
        return m <= k
            ? subproof(m, start: start, count: k, complete: complete) + [hash(start: start + k, count: count - k)]
            : subproof(m - k, start: start + k, count: count - k, complete: false) + [hash(start: start, count: k)]
    }

    /// The largest power of two smaller than `n` (n ≥ 2).
    static func splitPoint(_ n: Int) -> Int { 1 << (Int.bitWidth - (n - 1).leadingZeroBitCount - 1) }
}

public enum MerkleError: Error, Equatable, CustomStringConvertible {
    case outOfRange(String)
    public var description: String {
        switch self { case .outOfRange(let text): text }
    }
}
