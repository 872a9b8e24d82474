import VillageWatchCore

/// `registries/deaths.csv`: the civil affairs and public security death registry.
public struct DeathsDataset: RegistryDataset {
    public init() {}

    public let name = "deaths"
    public let columns: [ImportColumn] = [.required("id_number"), .required("name"), .required("death_date")]
    public let table = ImportTable(name: "registry_deaths", columns: [
        .text("id_number"), .text("name"), .text("death_date"), .text("id_problem"), .text("area_code"),
    ], keyCount: 1, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        let person = try RegistryID(record, "id_number")
        return ImportRow(values: [person.text, .text(try record.required("name")), .text(try record.date("death_date").description), person.problem,
                                  .text(root.text)], area: root, warning: person.warning)
    }
}
