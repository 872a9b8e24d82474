import Crypto
import Foundation
import Testing
@testable import VillageWatchTransparency

/// The Merkle tree against a naive RFC 6962 reference, the published 8-leaf root, and the
/// RFC 9162 verification algorithms; signed notes in the C2SP format.
@Suite struct MerkleTreeTests {
    static let vectorLeaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                          [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Array(0x60...0x6f)]

    /// MTH straight from RFC 6962 §2.1, recursive over the leaf bytes.
    static func naiveRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leaves.count {
        case 0: return MerkleTree.emptyRoot
        case 1: return MerkleTree.leafHash(Data(leaves.first!))
        default:
            let k = MerkleTree.splitPoint(leaves.count)
            return MerkleTree.nodeHash(naiveRoot(leaves.prefix(k)), naiveRoot(leaves.dropFirst(k)))
        }
    }

    static func tree(_ leaves: [[UInt8]]) -> MerkleTree {
        var tree = MerkleTree()
        for leaf in leaves { tree.append(leafHash: MerkleTree.leafHash(Data(leaf))) }
        return tree
    }

    @Test func theEightLeafRootMatchesTheCertificateTransparencyVector() throws {
        let root = try Self.tree(Self.vectorLeaves).root(size: 8)
        #expect(root.map { String(format: "%02x", $0) }.joined() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    }

    @Test func everyRootAndProofAgreesWithTheReference() throws {
        let leaves = (0..<70).map { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 * 7)] }
        let tree = Self.tree(leaves)
        for size in 1...leaves.count {
            let root = try tree.root(size: size)
            #expect(root == Self.naiveRoot(leaves.prefix(size)[...]))
            for index in stride(from: 0, to: size, by: max(1, size / 9)) {
                let proof = try tree.inclusionProof(index: index, size: size)
                #expect(MerkleVerification.inclusion(leafHash: tree.leafHash(at: index), index: index, size: size, proof: proof, root: root))
                #expect(!MerkleVerification.inclusion(leafHash: tree.leafHash(at: (index + 1) % size), index: index, size: size, proof: proof, root: root) || size == 1)
            }
            for first in stride(from: 1, through: size, by: max(1, size / 7)) {
                let proof = try tree.consistencyProof(first: first, second: size)
                #expect(MerkleVerification.consistency(first: first, second: size, firstRoot: try tree.root(size: first), secondRoot: root, proof: proof))
                if first < size, !proof.isEmpty {
                    var bad = proof
                    bad[0][0] ^= 1
                    #expect(!MerkleVerification.consistency(first: first, second: size, firstRoot: try tree.root(size: first), secondRoot: root, proof: bad))
                }
            }
        }
    }

    @Test func outOfRangeRequestsAreRefused() {
        let tree = Self.tree(Self.vectorLeaves)
        #expect(throws: MerkleError.self) { try tree.inclusionProof(index: 8, size: 8) }
        #expect(throws: MerkleError.self) { try tree.inclusionProof(index: 0, size: 9) }
        #expect(throws: MerkleError.self) { try tree.consistencyProof(first: 0, second: 4) }
        #expect(throws: MerkleError.self) { try tree.consistencyProof(first: 5, second: 4) }
        #expect(throws: MerkleError.self) { try tree.root(size: 9) }
    }

    @Test func checkpointsAreC2SPSignedNotes() throws {
        let signer = try NoteSigner(name: "example.com/log", key: Curve25519.Signing.PrivateKey())
        let checkpoint = Checkpoint(origin: signer.name, size: 8, root: try Self.tree(Self.vectorLeaves).root(size: 8))
        let note = try signer.sign(checkpoint.text)
        #expect(note.hasPrefix("example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"))
        #expect(note.contains("\n\n— example.com/log "))
        #expect(signer.verifierKey.hasPrefix("example.com/log+"))
        let text = try NoteSigner.verify(note: note, verifierKey: signer.verifierKey)
        #expect(try Checkpoint(text: text) == checkpoint)
        #expect(throws: NoteError.badSignature) { try NoteSigner.verify(note: note.replacingOccurrences(of: "\n8\n", with: "\n9\n"), verifierKey: signer.verifierKey) }
        let other = try NoteSigner(name: "example.com/log", key: Curve25519.Signing.PrivateKey())
        #expect(throws: NoteError.badSignature) { try NoteSigner.verify(note: note, verifierKey: other.verifierKey) }
        #expect(throws: NoteError.badKeyName("bad name")) { try NoteSigner(name: "bad name", key: Curve25519.Signing.PrivateKey()) }
    }
}
