import Crypto
import Foundation

/// The log's Ed25519 signing key, kept in a file outside the database (default
/// `./var/transparency-signing.key`, or `VILLAGEWATCH_LOG_KEY_FILE`) and created on first use.
/// All server instances of one installation share the file.
public enum LogKey {
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["VILLAGEWATCH_LOG_KEY_FILE"] ?? "./var/transparency-signing.key"
    }

    public static func loadOrCreate(at path: String = defaultPath) throws -> Curve25519.Signing.PrivateKey {
        let url = URL(fileURLWithPath: path)
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw LogKeyError.unreadable(path) }
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        }
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (key.rawRepresentation.base64EncodedString() + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return key
    }
}

public enum LogKeyError: Error, CustomStringConvertible {
    case unreadable(String)
    public var description: String {
        switch self { case .unreadable(let path): "the log signing key at \(path) is not a base64 Ed25519 key" }
    }
}
