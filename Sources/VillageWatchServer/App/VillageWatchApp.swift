import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import VillageWatchCore
import VillageWatchEchoWall
import VillageWatchFunds
import VillageWatchPublications
import VillageWatchSupervision
import VillageWatchTransparency
import VillageWatchWeb

/// Builds the one Hummingbird application that serves every module.
public enum VillageWatchApp {
    /// The router with every route and middleware; tests drive it directly.
    public static func router(services: WebServices, platform: PlatformServices, metrics: PrometheusCollectorRegistry?) throws -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(sessions: services.sessions))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorPageMiddleware(pages: services.pages))
        try StaticAssets().register(on: router)
        HealthRoutes(database: services.database, metrics: metrics).register(on: router)
        PublicAreaRoutes(services: services, contributors: platform.contributors).register(on: router)
        AuthRoutes(services: services).register(on: router)
        AdminRegistryRoutes(services: services, contributors: platform.contributors).register(on: router)
        ImportRoutes(services: services).register(on: router)
        UserRoutes(services: services).register(on: router)
        AuditRoutes(services: services).register(on: router)
        TransparencyRoutes(log: platform.log).register(on: router)
        PublicPublicationRoutes(services: services, log: platform.log).register(on: router)
        AdminPublicationRoutes(services: services, store: platform.publications).register(on: router)
        ComplianceRoutes(services: services, rules: platform.complianceRules, reports: platform.missingReports, contributors: platform.contributors)
            .register(on: router)
        MissingReportRoutes(services: services, store: platform.missingReports).register(on: router)
        AdminFundsRoutes(services: services, rules: platform.classificationRules).register(on: router)
        PublicFundsRoutes(services: services, rules: platform.classificationRules).register(on: router)
        FinanceStatementRoutes(services: services, rules: platform.classificationRules, publications: platform.publications).register(on: router)
        SupervisionRoutes(services: services).register(on: router)
        LeadRoutes(services: services).register(on: router)
        BankFeedRoutes(database: services.database, clients: platform.bankClients, clock: services.clock).register(on: router)
        EchoPublicRoutes(services: services, items: platform.echoItems).register(on: router)
        EchoAdminRoutes(services: services, items: platform.echoItems).register(on: router)
        Open311Routes(services: services, items: platform.echoItems).register(on: router)
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
        let platform = try await PlatformServices.make(database: database, keyPath: configuration.logKeyPath)
        try await platform.log.checkpoint()
        let app = Application(
            router: try router(services: services, platform: platform, metrics: registry),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "VillageWatch"),
            services: [CheckpointService(log: platform.log), EchoEscalationService(items: platform.echoItems, logger: logger)],
            onServerRunning: { channel in onReady("http://\(configuration.host):\(channel.localAddress?.port ?? configuration.port)/") },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        await database.shutdown()
    }
}
