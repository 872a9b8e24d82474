import Foundation

/// A C2SP tlog-checkpoint: origin, tree size and root hash, one per line.
public struct Checkpoint: Sendable, Equatable {
    public let origin: String
    public let size: Int
    public let root: [UInt8]

    public init(origin: String, size: Int, root: [UInt8]) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The note text that is signed.
    public var text: String { "\(origin)\n\(size)\n\(Data(root).base64EncodedString())\n" }

    /// Parses the signed text of a checkpoint (after `NoteSigner.verify`).
    public init(text: String) throws(NoteError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, let size = Int(lines[1]), size >= 0, let root = Data(base64Encoded: String(lines[2])), root.count == 32 else {
            throw .malformed
        }
        self.init(origin: String(lines[0]), size: size, root: Array(root))
    }
}
