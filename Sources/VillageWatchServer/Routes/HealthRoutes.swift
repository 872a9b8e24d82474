import Hummingbird
import Prometheus
import SQLKit
import VillageWatchCore
import VillageWatchWeb

/// Liveness, readiness (the database answers) and Prometheus metrics.
struct HealthRoutes {
    let database: Database
    let metrics: PrometheusCollectorRegistry?

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            do {
                try await database.read { try await $0.raw("SELECT 1").run() }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
            } catch {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "database unreachable\n")))
            }
        }
        router.get("/metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            metrics?.emit(into: &bytes)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
