import Foundation

/// The statistical division codes (county, towns, villages) that every installation starts
/// from, loaded through the ordinary `areas` import with the edition year recorded.
public enum DivisionCodes {
    public static let defaultFile = "../shared/data/divisions/leizhou-440882.csv"
    public static let defaultEdition = "2022"

    /// Loads the file unless a county is already present. Returns the import report when it ran.
    public static func loadIfNeeded(file: URL, edition: String, database: Database,
                                    actor: ImportActor = .system) async throws -> ImportReport? {
        guard try await database.read({ try await AreaStore($0).county() }) == nil else { return nil }
        guard FileManager.default.fileExists(atPath: file.path) else { throw DivisionCodesMissing(path: file.path) }
        let report = try await ImportPipeline(database: database).run(AreasDataset(edition: edition), file: file, by: actor)
        guard report.outcome == .committed else { throw DivisionCodesRejected(report: report) }
        return report
    }
}

public struct DivisionCodesMissing: Error, CustomStringConvertible {
    public let path: String
    public init(path: String) { self.path = path }
    public var description: String { "division codes file not found: \(path) (set --divisions FILE or VILLAGEWATCH_DIVISIONS)" }
}

public struct DivisionCodesRejected: Error, CustomStringConvertible {
    public let report: ImportReport
    public var description: String {
        "division codes file \(report.fileName) was rejected: " + (report.problems.first.map(\.description) ?? "no rows")
    }
}
