import VillageWatchCore

/// `registries/businesses.csv`: registered businesses (工商登记) and their owners.
public struct BusinessesDataset: RegistryDataset {
    public init() {}

    public let name = "businesses"
    public let columns: [ImportColumn] = [.required("owner_id_number"), .required("business_name"), .required("registered_on"),
                                          .optional("registered_capital")]
    public let table = ImportTable(name: "registry_businesses", columns: [
        .text("owner_id_number"), .text("business_name"), .text("registered_on"), .integer("registered_capital_fen"), .text("id_problem"),
        .text("area_code"),
    ], keyCount: 2, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        let owner = try RegistryID(record, "owner_id_number")
        return ImportRow(values: [owner.text, .text(try record.required("business_name")), .text(try record.date("registered_on").description),
                                  try record.optionalAmount("registered_capital").map(StoredValue.integer) ?? .null, owner.problem, .text(root.text)],
                         area: root, warning: owner.warning)
    }
}
