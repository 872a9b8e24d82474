import SQLKit
import VillageWatchCore

/// A county-wide list from a department (deaths, public employees, vehicles, businesses,
/// contracted land, filings, programmes): its rows belong to the whole deployment's top area,
/// so only users whose scope covers it — the county's departments and commission — import it.
public protocol RegistryDataset: ImportDataset where Lookup == AreaCode {}

extension RegistryDataset {
    public var permission: Permission { .importDepartmentData }

    /// The county the registry covers. A province-wide deployment will key registry rows by
    /// the issuing county instead; one county per database is what the areas hold today.
    public func prepare(_ db: any SQLDatabase) async throws -> AreaCode {
        guard let county = try await AreaStore(db).county() else { throw NoAreasLoaded() }
        return county.code
    }
}

/// The one way a registry row carries a person's ID number: kept even when invalid, marked, and
/// warned about.
struct RegistryID {
    let id: IDNumber
    let warning: String?

    init(_ record: ImportRecordFields, _ column: String) throws(ImportRowProblem) {
        (id, warning) = try record.idNumber(column)
    }

    var text: StoredValue { .text(id.text) }
    var problem: StoredValue { id.problem.map { .text($0.rawValue) } ?? .null }
}

/// A registry import before the division codes were loaded.
public struct NoAreasLoaded: Error, CustomStringConvertible {
    public var description: String { "尚未载入区划 (no areas loaded: run villagewatch migrate first)" }
}
