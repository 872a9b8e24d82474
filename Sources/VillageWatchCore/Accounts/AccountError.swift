/// Refusals of account operations, phrased for the person at the form or command line.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case weakPassword(String)
    case usernameTaken(String)
    case badUsername(String)
    case unknownUser(String)
    case unknownScope(String)
    case scopeNotAllowed(Role, AreaLevel)
    case notPermitted

    public var description: String {
        switch self {
        case .weakPassword(let reason): "password refused: \(reason)"
        case .usernameTaken(let name): "username '\(name)' is already taken"
        case .badUsername(let name): "username '\(name)' must be 3–32 letters, digits, '.', '-' or '_'"
        case .unknownUser(let name): "no user named '\(name)'"
        case .unknownScope(let code): "unknown area code '\(code)' for the user's scope"
        case .scopeNotAllowed(let role, let level): "a \(role.rawValue) cannot be scoped to a \(level.rawValue)"
        case .notPermitted: "not permitted"
        }
    }

    /// The same message for a form.
    public var chineseDescription: String {
        switch self {
        case .weakPassword(let reason): reason
        case .usernameTaken(let name): "用户名 \(name) 已被使用"
        case .badUsername: "用户名须为 3–32 位字母、数字、点、横线或下划线"
        case .unknownUser(let name): "用户 \(name) 不存在"
        case .unknownScope(let code): "区划代码 \(code) 不存在"
        case .scopeNotAllowed(let role, let level): "\(role.chineseName) 不能分配到\(level.chineseName)"
        case .notPermitted: "无权执行此操作"
        }
    }
}
