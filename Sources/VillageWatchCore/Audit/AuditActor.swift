/// Who made a change: a signed-in user, the command line (with the OS user), or the system.
public struct AuditActor: Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public static func user(_ username: String) -> AuditActor { AuditActor(description: "user:\(username)") }
    public static func commandLine(_ osUser: String) -> AuditActor { AuditActor(description: "cli:\(osUser)") }
    public static let system = AuditActor(description: "system")
    /// A bank pushing transactions through the feed.
    public static func bankClient(_ name: String) -> AuditActor { AuditActor(description: "bank:\(name)") }
    /// A villager acting with a receipt code (no account, no name in the record).
    public static let villager = AuditActor(description: "villager")
    /// An Open311 client posting with its API key.
    public static func apiClient(_ name: String) -> AuditActor { AuditActor(description: "open311:\(name)") }
}
