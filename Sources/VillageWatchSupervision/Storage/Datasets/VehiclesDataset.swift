import VillageWatchCore

/// `registries/vehicles.csv`: motor vehicles and their owners.
public struct VehiclesDataset: RegistryDataset {
    public init() {}

    public let name = "vehicles"
    public let columns: [ImportColumn] = [.required("owner_id_number"), .required("plate"), .required("registered_on"), .optional("vehicle_type")]
    public let table = ImportTable(name: "registry_vehicles", columns: [
        .text("plate"), .text("owner_id_number"), .text("registered_on"), .text("vehicle_type"), .text("id_problem"), .text("area_code"),
    ], keyCount: 2, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        let owner = try RegistryID(record, "owner_id_number")
        let plate = try record.required("plate").filter { !$0.isWhitespace }.uppercased()
        return ImportRow(values: [.text(plate), owner.text, .text(try record.date("registered_on").description), .optionalText(record["vehicle_type"]),
                                  owner.problem, .text(root.text)], area: root, warning: owner.warning)
    }
}
