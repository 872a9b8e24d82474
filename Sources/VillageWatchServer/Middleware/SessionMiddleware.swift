import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Attaches the signed-in session (if the cookie names a live one) to the context, and sends
/// users with an initial or reset password to the change-password page before anything else.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "vw_session"

    let sessions: SessionStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value, !token.isEmpty {
            do {
                context.session = try await sessions.session(token: token)
            } catch {
                // Without the database the request goes on signed out; public pages say why.
                context.logger.warning("session lookup failed: \(String(reflecting: error))")
            }
        }
        if let user = context.session?.user, user.mustChangePassword, request.uri.path.hasPrefix("/admin"),
           !["/admin/password", "/admin/logout"].contains(request.uri.path) {
            return redirect(to: "/admin/password")
        }
        return try await next(request, context)
    }
}
