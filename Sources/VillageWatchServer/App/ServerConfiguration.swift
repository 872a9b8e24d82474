import Foundation
import VillageWatchTransparency

/// How `villagewatch serve` runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`: set when the server sits behind TLS.
    public var secureCookies: Bool
    /// The public record's Ed25519 signing key file.
    public var logKeyPath: String

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, logKeyPath: String = LogKey.defaultPath) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.logKeyPath = logKeyPath
    }
}
