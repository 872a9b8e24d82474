import Foundation
import Hummingbird
import NIOCore

/// Reads an `application/x-www-form-urlencoded` body into a `Decodable` form.
public enum FormBody {
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 64 * 1024) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "表单内容不完整")
        }
    }
}

/// Forms villagers post without an account (reports, the echo wall) have no session to bind a
/// CSRF token to; cross-site posts are refused by their `Origin` instead.
public enum AnonymousForm {
    public static func checkOrigin(_ request: Request) throws {
        if let origin = request.headers[.origin], URL(string: origin)?.host != request.head.authority?.split(separator: ":").first.map(String.init) {
            throw HTTPError(.forbidden, message: "请从本站页面提交")
        }
    }
}

/// Forms that change state carry the session's CSRF token.
public protocol CSRFProtectedForm: Decodable {
    var csrf: String { get }
}

extension AppRequestContext {
    /// Decodes a state-changing form after checking its CSRF token against the session's.
    public func form<T: CSRFProtectedForm>(_ type: T.Type, from request: Request, limit: Int = 64 * 1024) async throws -> T {
        let form = try await FormBody.decode(type, from: request, limit: limit)
        guard let session, !form.csrf.isEmpty, form.csrf == session.csrfToken else {
            throw HTTPError(.forbidden, message: "表单已过期或来源不明（CSRF 校验失败），请返回重新提交")
        }
        return form
    }
}
