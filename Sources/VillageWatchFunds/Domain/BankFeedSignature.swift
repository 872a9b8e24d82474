import Crypto
import Foundation

/// The bank push feed's request signature (银企直连): `hex(HMAC-SHA256(secret, timestamp + "\n" +
/// nonce + "\n" + body))` in `X-VW-Signature`, with `X-VW-Timestamp` (Unix seconds) and
/// `X-VW-Nonce`. The nonce is signed too, so a captured request cannot be replayed under a
/// fresh nonce; requests older than the window are refused, and each nonce is accepted once.
public enum BankFeedSignature {
    public static let window: TimeInterval = 300

    public static func sign(secret: Data, timestamp: Int, nonce: String, body: Data) -> String {
        let message = Data("\(timestamp)\n\(nonce)\n".utf8) + body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case missingHeader(String), stale(seconds: Int), badSignature, badNonce

        public var description: String {
            switch self {
            case .missingHeader(let name): "missing header \(name)"
            case .stale(let seconds): "timestamp is \(seconds) s away from the server clock (limit \(Int(BankFeedSignature.window)) s)"
            case .badSignature: "signature does not match the body"
            case .badNonce: "nonce must be 16–64 letters, digits or '-'"
            }
        }
    }

    /// Checks everything but nonce reuse (which needs storage).
    public static func verify(secret: Data, timestamp: String?, nonce: String?, signature: String?, body: Data, now: Date) throws(Refusal) {
        guard let timestamp, let seconds = Int(timestamp) else { throw .missingHeader("X-VW-Timestamp") }
        guard let nonce else { throw .missingHeader("X-VW-Nonce") }
        guard let signature else { throw .missingHeader("X-VW-Signature") }
        guard (16...64).contains(nonce.count), nonce.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw .badNonce }
        let age = Int(now.timeIntervalSince1970) - seconds
        guard abs(age) <= Int(window) else { throw .stale(seconds: age) }
        let expected = sign(secret: secret, timestamp: seconds, nonce: nonce, body: body)
        guard constantTimeEqual(Array(expected.utf8), Array(signature.lowercased().utf8)) else { throw .badSignature }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
