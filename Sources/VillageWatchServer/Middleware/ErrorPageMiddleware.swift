import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Turns errors into Chinese pages: sign-in required → the sign-in page, access denied → 403,
/// HTTP errors with their message, anything else → 500 without internals.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is SignInRequired {
            let target = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/admin"
            return redirect(to: "/admin/login?next=\(target)")
        } catch let denied as AccessDenied {
            context.logger.notice("access denied: \(denied)")
            return try page(.forbidden, "无权访问", "您的账号无权查看或修改该区域的数据。", request, context)
        } catch let error as HTTPError {
            if Self.isMachineReadable(request) { throw error }
            return try page(error.status, title(for: error.status), error.body ?? "请求无法处理。", request, context)
        } catch {
            context.logger.error("unhandled error: \(String(reflecting: error))")
            if Self.isMachineReadable(request) { throw HTTPError(.internalServerError) }
            return try page(.internalServerError, "服务器内部错误", "处理请求时出错，请稍后再试。请求编号：\(context.id)", request, context)
        }
    }

    /// The JSON API and the transparency endpoints answer errors as their own formats, not pages.
    static func isMachineReadable(_ request: Request) -> Bool {
        ["/api/", "/transparency/"].contains { request.uri.path.hasPrefix($0) }
    }

    private func page(_ status: HTTPResponse.Status, _ heading: String, _ message: String, _ request: Request, _ context: Context) throws -> Response {
        try pages.page("error", title: heading, ["heading": heading, "message": message], context: context, status: status)
            .response(from: request, context: context)
    }

    private func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "页面不存在"
        case 403: "无权访问"
        case 429: "操作过于频繁"
        default: "请求有误"
        }
    }
}

import Foundation
