/// A signed-in back-office user as the access check sees it.
public struct Principal: Sendable, Hashable {
    public let userID: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    public let scope: AreaCode
    public let department: String?

    public init(userID: Int64, username: String, displayName: String, role: Role, scope: AreaCode, department: String? = nil) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.scope = scope
        self.department = department
    }

    public var auditActor: AuditActor { .user(username) }
}
