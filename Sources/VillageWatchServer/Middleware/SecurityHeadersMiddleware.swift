import Hummingbird
import VillageWatchWeb

/// Headers every response carries: a strict content security policy (no inline scripts or
/// styles, no framing), no MIME sniffing, and no referrer leaking internal URLs.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if request.uri.path.hasPrefix("/admin") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
