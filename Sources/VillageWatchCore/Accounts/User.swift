/// A back-office account.
public struct User: Sendable, Hashable {
    public let id: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    public let scope: AreaCode
    public let department: String?
    public let mustChangePassword: Bool
    public let disabled: Bool
    public let createdAt: String

    public var principal: Principal {
        Principal(userID: id, username: username, displayName: displayName, role: role, scope: scope, department: department)
    }
}
