import Crypto
import Foundation

/// One row of the append-only audit chain.
///
/// `hash = SHA-256(seq ␟ at ␟ actor ␟ action ␟ target ␟ before ␟ after ␟ prev_hash)`, so editing
/// any field breaks that row, and deleting or reordering rows breaks the link to the next one.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int64
    public let at: String
    public let actor: String
    public let action: String
    public let target: String
    public let before: String?
    public let after: String?
    public let prevHash: String
    public let hash: String

    static func computeHash(seq: Int64, at: String, actor: String, action: String, target: String,
                            before: String?, after: String?, prevHash: String) -> String {
        let separator = "\u{1F}"
        let fields = [String(seq), at, actor, action, target, before ?? "\u{0}", after ?? "\u{0}", prevHash]
        let digest = SHA256.hash(data: Data(fields.joined(separator: separator).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    var recomputedHash: String {
        Self.computeHash(seq: seq, at: at, actor: actor, action: action, target: target, before: before, after: after, prevHash: prevHash)
    }
}
