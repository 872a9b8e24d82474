import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Sign-in, sign-out and password change.
///
/// The sign-in form is protected against cross-site posting by a double-submit token (a cookie
/// and a hidden field that must match); after sign-in every form uses the session's token.
struct AuthRoutes {
    let services: WebServices
    static let loginCSRFCookie = "vw_login_csrf"

    struct LoginForm: Decodable { let username: String; let password: String; let csrf: String; let next: String? }
    struct PasswordForm: CSRFProtectedForm { let current: String; let new: String; let confirm: String; let csrf: String }
    struct LogoutForm: CSRFProtectedForm { let csrf: String }

    func register(on router: Router<AppRequestContext>) {
        router.get("/admin/login") { request, context in loginPage(request, context, error: nil) }
        router.post("/admin/login") { request, context in try await login(request, context) }
        router.post("/admin/logout") { request, context in try await logout(request, context) }
        router.get("/admin/password") { _, context in try passwordPage(context, error: nil) }
        router.post("/admin/password") { request, context in try await changePassword(request, context) }
    }

    private func loginPage(_ request: Request, _ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = SessionStore.randomToken()
        let next = request.uri.queryParameters.get("next") ?? ""
        var response = (try? services.pages.page("login", title: "工作人员登录", ["loginCSRF": token, "error": error ?? false, "next": next],
                                                 context: context, status: status).response(from: request, context: context)) ?? Response(status: .internalServerError)
        response.setCookie(cookie(Self.loginCSRFCookie, token, maxAge: 3600))
        return response
    }

    private func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request)
        guard let loginToken = request.cookies[Self.loginCSRFCookie]?.value, !form.csrf.isEmpty, loginToken == form.csrf else {
            return loginPage(request, context, error: "页面已过期，请重新登录", status: .forbidden)
        }
        let username = form.username.trimmingCharacters(in: .whitespaces)
        if try await services.throttle.isLocked(username: username, ip: context.remoteAddress) {
            return loginPage(request, context, error: "登录失败次数过多，请 15 分钟后再试", status: .tooManyRequests)
        }
        guard let user = try await services.users.verify(username: username, password: form.password) else {
            try await services.throttle.recordFailure(username: username, ip: context.remoteAddress)
            return loginPage(request, context, error: "用户名或密码错误", status: .unauthorized)
        }
        try await services.throttle.clear(username: username)
        let session = try await services.sessions.open(for: user)
        let next = form.next.flatMap { $0.hasPrefix("/admin") && !$0.hasPrefix("//") ? $0 : nil } ?? "/admin"
        var response = redirect(to: user.mustChangePassword ? "/admin/password" : next)
        response.setCookie(cookie(SessionMiddleware.cookieName, session.token, maxAge: Int(services.sessions.lifetime)))
        return response
    }

    private func logout(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.principal()
        _ = try await context.form(LogoutForm.self, from: request)
        if let session = context.session { try await services.sessions.close(token: session.token, user: session.user) }
        var response = redirect(to: "/")
        response.setCookie(cookie(SessionMiddleware.cookieName, "", maxAge: 0))
        return response
    }

    private func passwordPage(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) throws -> HTML {
        let principal = try context.principal()
        let forced = context.session?.user.mustChangePassword ?? false
        return services.pages.page("password", title: "修改密码",
                                   ["forced": forced, "error": error ?? false, "username": principal.username,
                                    "minimum": PasswordPolicy.minimumLength], context: context, status: status)
    }

    private func changePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.principal()
        let form = try await context.form(PasswordForm.self, from: request)
        guard try await services.users.verify(username: principal.username, password: form.current) != nil else {
            return try passwordPage(context, error: "当前密码不正确", status: .badRequest).response(from: request, context: context)
        }
        guard form.new == form.confirm else {
            return try passwordPage(context, error: "两次输入的新密码不一致", status: .badRequest).response(from: request, context: context)
        }
        guard form.new != form.current else {
            return try passwordPage(context, error: "新密码不能与当前密码相同", status: .badRequest).response(from: request, context: context)
        }
        do {
            try await services.users.setPassword(principal.username, to: form.new, mustChange: false, by: principal.auditActor)
        } catch let error as AccountError {
            return try passwordPage(context, error: error.chineseDescription, status: .badRequest).response(from: request, context: context)
        }
        guard let user = try await services.users.user(username: principal.username) else { throw SignInRequired() }
        let session = try await services.sessions.open(for: user)
        var response = redirect(to: "/admin")
        response.setCookie(cookie(SessionMiddleware.cookieName, session.token, maxAge: Int(services.sessions.lifetime)))
        return response
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: services.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
