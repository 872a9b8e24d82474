import Foundation
import VillageWatchCore
import VillageWatchEchoWall
import VillageWatchFunds
import VillageWatchGovernance
import VillageWatchPublications
import VillageWatchSupervision
import VillageWatchTransparency
import VillageWatchWeb

/// The modules of this build: their schemas, their import datasets and what they add to the
/// shared pages. A new capability module is registered here and nowhere else.
public enum Platform {
    public static let schemas: [ModuleSchema] = [CoreSchema.schema, GovernanceSchema.schema, TransparencySchema.schema, PublicationsSchema.schema,
                                                  FundsSchema.schema, SupervisionSchema.schema, EchoWallSchema.schema]

    public static let datasets: [any ImportDataset] = [AreasDataset(), PersonsDataset(), CadresDataset(), RelativesDataset(),
                                                       BankAccountsDataset(), BankTransactionsDataset(), ProgramsDataset(), BenefitsDataset(),
                                                       FilingsDataset(), DeathsDataset(), PublicEmployeesDataset(), VehiclesDataset(),
                                                       BusinessesDataset(), LandDataset(), ContractsDataset()]

    public static var templateDirectories: [URL] {
        [PageRenderer.webTemplates, Bundle.module.resourceURL!.appendingPathComponent("Templates"), GovernancePages.templates,
         PublicationsPages.templates, AdminFundsRoutes.templates,
         SupervisionRoutes.templates, EchoWallPages.templates]
    }

    /// The public record's sources: every module whose records enter the transparency log.
    public static let publicRecordSources: [any PublicRecordSource] = [PublicationLogSource()]

    public static func dataset(named name: String) throws -> any ImportDataset {
        guard let dataset = datasets.first(where: { $0.name == name }) else { throw UnknownDataset(name: name) }
        return dataset
    }

    /// Migrates and loads the division codes: what `migrate` does and what `serve` does first.
    public static func prepare(_ database: Database, divisions: URL, edition: String) async throws -> [String] {
        var done = try await Migrator(schemas: schemas).migrate(database)
        if let report = try await DivisionCodes.loadIfNeeded(file: divisions, edition: edition, database: database) {
            done.append("loaded \(report.rowsInserted) areas from \(report.fileName) (edition \(edition))")
        }
        return done
    }
}

public struct UnknownDataset: Error, CustomStringConvertible {
    public let name: String
    public init(name: String) { self.name = name }
    public var description: String {
        "unknown dataset '\(name)': expected one of \(Platform.datasets.map(\.name).joined(separator: ", "))"
    }
}

extension ImportPipeline {
    /// Runs a dataset known only by its protocol type (the CLI and the upload form).
    public func run(any dataset: any ImportDataset, file: URL, options: ImportOptions, by actor: ImportActor) async throws -> ImportReport {
        try await run(dataset, file: file, options: options, by: actor)
    }
}
