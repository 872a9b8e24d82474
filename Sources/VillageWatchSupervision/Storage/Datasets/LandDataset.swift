import VillageWatchCore

/// `registries/land.csv`: each household's contracted land (承包地), in 亩.
public struct LandDataset: RegistryDataset {
    public init() {}

    public let name = "land"
    public let columns: [ImportColumn] = [.required("household_id"), .required("contracted_area_mu")]
    public let table = ImportTable(name: "registry_land", columns: [
        .text("household_id"), .integer("contracted_area_hundredths"), .text("area_code"),
    ], keyCount: 1, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        ImportRow(values: [.text(try record.required("household_id")), .integer(try record.hundredths("contracted_area_mu")), .text(root.text)],
                  area: root)
    }
}
