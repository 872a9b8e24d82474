import Foundation
import SQLKit

/// A module whose records go into the public log (publication versions now, echo-wall answers
/// later). The log stores only each leaf's kind, reference and hash; the leaf bytes are always
/// rebuilt from the module's current rows, so a row edited behind the platform's back no longer
/// hashes to its leaf and every verifier notices.
public protocol PublicRecordSource: Sendable {
    /// The `kind` of the leaves this source owns, e.g. `publication-version`.
    var kind: String { get }
    /// Canonical JSON of the records with these references (missing ones are left out).
    func leafBytes(refs: [String], db: any SQLDatabase) async throws -> [String: Data]
}

/// Canonical JSON as the log hashes it: sorted keys, no insignificant whitespace, UTF-8.
public enum CanonicalJSON {
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
