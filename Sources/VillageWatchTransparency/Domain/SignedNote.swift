import Crypto
import Foundation

/// A C2SP signed note (c2sp.org/signed-note) with one Ed25519 signer.
///
/// The verifier key `name+hash+base64(0x01 || public key)` lets anyone check the note without
/// trusting the server: the 4-byte key hash is `SHA-256(name || "\n" || 0x01 || public key)`.
public struct NoteSigner: Sendable {
    public let name: String
    private let key: Curve25519.Signing.PrivateKey

    public init(name: String, key: Curve25519.Signing.PrivateKey) throws(NoteError) {
        guard !name.isEmpty, !name.contains("+"), !name.contains(where: \.isWhitespace) else { throw .badKeyName(name) }
        self.name = name
        self.key = key
    }

    public var publicKey: Curve25519.Signing.PublicKey { key.publicKey }

    public var keyHash: [UInt8] {
        Self.keyHash(name: name, publicKey: Array(key.publicKey.rawRepresentation))
    }

    /// The verifier key line, as served at `/transparency/key`.
    public var verifierKey: String {
        "\(name)+\(keyHash.map { String(format: "%02x", $0) }.joined())+\(Data([1] + key.publicKey.rawRepresentation).base64EncodedString())"
    }

    /// The signed note: the text, a blank line, and this signer's signature line.
    public func sign(_ text: String) throws -> String {
        precondition(text.hasSuffix("\n"))
        let signature = try key.signature(for: Data(text.utf8))
        return text + "\n— \(name) \(Data(keyHash + signature).base64EncodedString())\n"
    }

    static func keyHash(name: String, publicKey: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: Data(name.utf8) + [0x0A, 0x01] + publicKey).prefix(4))
    }

    /// Checks a note against a verifier key; returns the signed text.
    public static func verify(note: String, verifierKey: String) throws(NoteError) -> String {
        // name+hash+key: the base64 key may itself contain "+", so split at the first two only.
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let keyBytes = Data(base64Encoded: String(parts[2])), keyBytes.first == 1,
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes.dropFirst()) else { throw .badVerifierKey }
        let name = String(parts[0])
        let hash = keyHash(name: name, publicKey: Array(keyBytes.dropFirst()))
        guard let split = note.range(of: "\n\n") else { throw .malformed }
        let text = String(note[..<split.lowerBound]) + "\n"
        for line in note[split.upperBound...].split(separator: "\n") where line.hasPrefix("— \(name) ") {
            guard let blob = Data(base64Encoded: String(line.dropFirst("— \(name) ".count))), blob.count == 68,
                  Array(blob.prefix(4)) == hash else { continue }
            if publicKey.isValidSignature(blob.dropFirst(4), for: Data(text.utf8)) { return text }
        }
        throw .badSignature
    }
}

public enum NoteError: Error, Equatable, CustomStringConvertible {
    case badKeyName(String), badVerifierKey, malformed, badSignature

    public var description: String {
        switch self {
        case .badKeyName(let name): "a signed-note key name must be non-empty without '+' or spaces: '\(name)'"
        case .badVerifierKey: "the verifier key is malformed"
        case .malformed: "the note is malformed (no blank line before the signatures)"
        case .badSignature: "no valid signature by the log's key"
        }
    }
}
