import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import VillageWatchCore
import VillageWatchWeb

/// Builds the one Hummingbird application that serves every module.
public enum VillageWatchApp {
    /// The router with every route and middleware; tests drive it directly.
    public static func router(services: WebServices, metrics: PrometheusCollectorRegistry?) throws -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(sessions: services.sessions))
        router.add(middleware: ErrorPageMiddleware(pages: services.pages))
        try StaticAssets().register(on: router)
        HealthRoutes(database: services.database, metrics: metrics).register(on: router)
        PublicAreaRoutes(services: services, contributors: Platform.contributors).register(on: router)
        AuthRoutes(services: services).register(on: router)
        AdminRegistryRoutes(services: services, contributors: Platform.contributors).register(on: router)
        ImportRoutes(services: services).register(on: router)
        UserRoutes(services: services).register(on: router)
        AuditRoutes(services: services).register(on: router)
        return router
    }

    public static func services(database: Database, clock: any WallClock = SystemWallClock(), secureCookies: Bool = false,
                                bcryptCost: UInt8 = 12) throws -> WebServices {
        WebServices(database: database, clock: clock, pages: try PageRenderer(templateDirectories: Platform.templateDirectories),
                    users: UserStore(database: database, clock: clock, bcryptCost: bcryptCost),
                    sessions: SessionStore(database: database, clock: clock), throttle: LoginThrottle(database: database, clock: clock),
                    secureCookies: secureCookies)
    }

    /// Runs until SIGTERM or SIGINT, then finishes in-flight requests and closes the database.
    public static func run(database: Database, configuration: ServerConfiguration, logger: Logger,
                           onReady: @escaping @Sendable (String) -> Void) async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let services = try services(database: database, secureCookies: configuration.secureCookies)
        let app = Application(
            router: try router(services: services, metrics: registry),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "VillageWatch"),
            onServerRunning: { channel in onReady("http://\(configuration.host):\(channel.localAddress?.port ?? configuration.port)/") },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        await database.shutdown()
    }
}
