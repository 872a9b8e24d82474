import Foundation
import VillageWatchCore
import VillageWatchEchoWall
import VillageWatchFunds
import VillageWatchGovernance
import VillageWatchPublications
import VillageWatchTransparency
import VillageWatchWeb

/// The long-lived services of the capability modules, built once per process.
public struct PlatformServices: Sendable {
    public let log: TransparencyLog
    public let publications: PublicationStore
    public let missingReports: MissingReportStore
    public let complianceRules: ComplianceRules
    public let bankClients: BankClientStore
    public let classificationRules: ClassificationRules
    public let echoItems: EchoItemStore

    /// Where a county's publication deadlines come from (`VILLAGEWATCH_COMPLIANCE_RULES`, JSON);
    /// the statutory defaults otherwise.
    public static func complianceRules(path: String? = ProcessInfo.processInfo.environment["VILLAGEWATCH_COMPLIANCE_RULES"]) throws -> ComplianceRules {
        guard let path else { return .defaults }
        return try JSONDecoder().decode(ComplianceRules.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Opens the log with the installation's signing key; the log's origin names the county.
    public static func make(database: Database, keyPath: String = LogKey.defaultPath, secretsKeyPath: String = SecretBox.defaultPath,
                            clock: any WallClock = SystemWallClock(), rules: ComplianceRules? = nil,
                            notifier: any Notifier = Notifiers.fromEnvironment()) async throws -> PlatformServices {
        let county = try await database.read { try await AreaStore($0).county() }
        let signer = try NoteSigner(name: "villagewatch.cn/\(county?.code.text ?? "county")/public-record", key: try LogKey.loadOrCreate(at: keyPath))
        let log = TransparencyLog(database: database, signer: signer, sources: Platform.publicRecordSources, clock: clock)
        let box = try SecretBox.loadOrCreate(at: secretsKeyPath)
        return PlatformServices(log: log, publications: PublicationStore(database: database, log: log, clock: clock),
                                missingReports: MissingReportStore(database: database, clock: clock),
                                complianceRules: try rules ?? complianceRules(),
                                bankClients: BankClientStore(database: database, box: box, clock: clock),
                                classificationRules: try ClassificationRules.standard(),
                                echoItems: EchoItemStore(database: database, clock: clock, workflow: EchoWorkflow(rules: try EchoRules.load()), box: box,
                                                         notifier: notifier))
    }

    var contributors: [any AreaPageContributor] {
        [GovernancePages(), PublicationsPages(rules: complianceRules), FundsPages(), EchoWallPages(items: echoItems)]
    }
}
