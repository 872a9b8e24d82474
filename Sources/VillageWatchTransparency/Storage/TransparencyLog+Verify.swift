import Foundation
import SQLKit

extension TransparencyLog {
    /// What `villagewatch log verify` checks: every leaf still hashes to what was appended (no
    /// record edited or deleted), every checkpoint is signed by the log's key and matches the
    /// tree, and each checkpoint is consistent with the one before it.
    public func verify() async throws -> LogVerification {
        let tree = try await currentTree()
        var index = 0
        while index < tree.size {
            let end = min(index + 1000, tree.size)
            for entry in try await entries(start: index, end: end) where MerkleTree.leafHash(entry.leaf) != tree.leafHash(at: entry.index) {
                return .broken("leaf \(entry.index) no longer matches its record: the record was edited or deleted after it was published")
            }
            index = end
        }
        let checkpoints = try await checkpoints().reversed().map(\.checkpoint)
        var previous: Checkpoint?
        for checkpoint in checkpoints {
            guard checkpoint.size <= tree.size, try tree.root(size: checkpoint.size) == checkpoint.root else {
                return .broken("checkpoint of size \(checkpoint.size) does not match the log")
            }
            if let previous, previous.size > 0 {
                let proof = try tree.consistencyProof(first: previous.size, second: checkpoint.size)
                guard MerkleVerification.consistency(first: previous.size, second: checkpoint.size, firstRoot: previous.root,
                                                     secondRoot: checkpoint.root, proof: proof) else {
                    return .broken("checkpoint \(checkpoint.size) is not consistent with checkpoint \(previous.size)")
                }
            }
            previous = checkpoint
        }
        return .intact(leaves: tree.size, checkpoints: checkpoints.count)
    }
}

public enum LogVerification: Sendable, Equatable {
    case intact(leaves: Int, checkpoints: Int)
    case broken(String)
}
