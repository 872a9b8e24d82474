import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Account management within one's own area: a town officer manages the village accounts of
/// the town, the discipline commission everyone.
struct UserRoutes {
    let services: WebServices

    struct CreateForm: CSRFProtectedForm {
        let username: String, display_name: String, role: String, scope: String, password: String, csrf: String
        let department: String?
    }
    struct ActionForm: CSRFProtectedForm { let csrf: String }

    func register(on router: Router<AppRequestContext>) {
        router.get("/admin/users") { _, context in try await list(context, message: nil) }
        router.post("/admin/users") { request, context in try await create(request, context) }
        router.post("/admin/users/:username/disable") { request, context in try await setDisabled(request, context, true) }
        router.post("/admin/users/:username/enable") { request, context in try await setDisabled(request, context, false) }
        router.post("/admin/users/:username/reset-password") { request, context in try await reset(request, context) }
    }

    private func list(_ context: AppRequestContext, message: String?, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let principal = try context.principal()
        try AccessPolicy.check(principal, .manageUsers, in: principal.scope)
        let users = try await services.users.list(within: principal.scope).map { user -> [String: Any] in
            ["username": user.username, "name": user.displayName, "role": user.role.chineseName, "scope": user.scope.text,
             "disabled": user.disabled, "mustChange": user.mustChangePassword,
             "manageable": user.id != principal.userID && AccessPolicy.mayManage(principal, role: user.role, scope: user.scope)]
        }
        let roles = AccessPolicy.manageableRoles(for: principal.role)
        return services.pages.page("admin-users", title: "账号管理", [
            "users": users, "roles": roles.map { ["value": $0.rawValue, "name": $0.chineseName] },
            "message": message ?? false, "error": error ?? false, "scope": principal.scope.text,
            "minimum": PasswordPolicy.minimumLength,
        ], context: context, status: status)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let principal = try context.principal()
        let form = try await context.form(CreateForm.self, from: request)
        guard let role = Role(rawValue: form.role), let scope = AreaCode(form.scope) else {
            return try await list(context, message: nil, error: "角色或区划代码无效", status: .badRequest)
        }
        guard AccessPolicy.mayManage(principal, role: role, scope: scope) else { throw AccessDenied(permission: .manageUsers, area: scope) }
        do {
            try await services.users.create(.init(username: form.username, displayName: form.display_name, role: role, scope: scope.text,
                                                  department: form.department?.isEmpty == false ? form.department : nil,
                                                  password: form.password), by: principal.auditActor)
        } catch let error as AccountError {
            return try await list(context, message: nil, error: error.chineseDescription, status: .badRequest)
        }
        return try await list(context, message: "已创建账号 \(form.username)，首次登录须修改密码")
    }

    /// The target account, after checking the caller may manage it.
    private func target(_ context: AppRequestContext, _ principal: Principal) async throws -> User {
        guard let username = context.parameters.get("username"), let user = try await services.users.user(username: username) else {
            throw HTTPError(.notFound, message: "账号不存在")
        }
        guard user.id != principal.userID, AccessPolicy.mayManage(principal, role: user.role, scope: user.scope) else {
            throw AccessDenied(permission: .manageUsers, area: user.scope)
        }
        return user
    }

    private func setDisabled(_ request: Request, _ context: AppRequestContext, _ disabled: Bool) async throws -> HTML {
        let principal = try context.principal()
        _ = try await context.form(ActionForm.self, from: request)
        let user = try await target(context, principal)
        try await services.users.setDisabled(user.username, disabled, by: principal.auditActor)
        return try await list(context, message: disabled ? "已停用 \(user.username)" : "已启用 \(user.username)")
    }

    private func reset(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let principal = try context.principal()
        _ = try await context.form(ActionForm.self, from: request)
        let user = try await target(context, principal)
        let temporary = "Vw" + String(SessionStore.randomToken().filter { $0.isLetter || $0.isNumber }.prefix(10)) + "9"
        try await services.users.setPassword(user.username, to: temporary, mustChange: true, by: principal.auditActor)
        return try await list(context, message: "\(user.username) 的临时密码：\(temporary)（仅显示一次，首次登录须修改）")
    }
}
