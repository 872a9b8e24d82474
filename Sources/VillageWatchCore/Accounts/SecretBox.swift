import Crypto
import Foundation

/// Encrypts secrets the platform must keep but never store in the clear (bank clients' HMAC
/// secrets; later, whistleblowers' identities) with AES-GCM under a key kept in a file outside
/// the database (`./var/secrets.key` or `VILLAGEWATCH_SECRETS_KEY_FILE`), created on first use.
/// A stolen database alone reveals none of them.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["VILLAGEWATCH_SECRETS_KEY_FILE"] ?? "./var/secrets.key"
    }

    public static func loadOrCreate(at path: String = defaultPath) throws -> SecretBox {
        let url = URL(fileURLWithPath: path)
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32 else {
                throw SecretBoxError.unreadableKey(path)
            }
            return SecretBox(key: SymmetricKey(data: raw))
        }
        let key = SymmetricKey(size: .bits256)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return SecretBox(key: key)
    }

    /// Base64 of nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: Data) throws -> String {
        try AES.GCM.seal(plaintext, using: key).combined!.base64EncodedString()
    }

    /// A keyed fingerprint (HMAC-SHA256, hex) of a value that must be compared but not stored,
    /// such as a reporter's phone for a rate limit: without the key, which is not in the
    /// database, the few billion possible phone numbers cannot be tried against it.
    public func fingerprint(_ purpose: String, _ value: String) -> String {
        FileDigest.hex(HMAC<SHA256>.authenticationCode(for: Data("\(purpose):\(value)".utf8), using: key))
    }

    public func open(_ sealed: String) throws -> Data {
        guard let data = Data(base64Encoded: sealed) else { throw SecretBoxError.malformed }
        return try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
    }
}

public enum SecretBoxError: Error, CustomStringConvertible {
    case unreadableKey(String), malformed
    public var description: String {
        switch self {
        case .unreadableKey(let path): "the secrets key at \(path) is not a base64 256-bit key"
        case .malformed: "a sealed secret is malformed"
        }
    }
}
