import Foundation

/// How `villagewatch serve` runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`: set when the server sits behind TLS.
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }
}
