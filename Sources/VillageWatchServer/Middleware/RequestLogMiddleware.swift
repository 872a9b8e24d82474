import Foundation
import Hummingbird
import VillageWatchWeb

/// One log line per request with its id, which is also returned as `X-Request-Id` so that a
/// villager's or clerk's report of a problem can be matched with the server log.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[.init("X-Request-Id")!] = context.id
            log(request, context: context, status: response.status.code, started: started)
            return response
        } catch {
            log(request, context: context, status: (error as? any HTTPResponseError)?.status.code ?? 500, started: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let ms = elapsed.seconds * 1000
        context.logger.info("\(request.method) \(request.uri.path) \(status) \(String(format: "%.1f", ms))ms",
                            metadata: ["user": .string(context.session?.user.username ?? "-")])
    }
}
