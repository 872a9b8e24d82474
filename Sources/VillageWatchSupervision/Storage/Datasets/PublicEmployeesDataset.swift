import VillageWatchCore

/// `registries/public-employees.csv`: people paid from public funds (财政供养人员), with the
/// time they served.
public struct PublicEmployeesDataset: RegistryDataset {
    public init() {}

    public let name = "public-employees"
    public let columns: [ImportColumn] = [.required("id_number"), .required("name"), .required("employer"), .required("start_date"), .optional("end_date")]
    public let table = ImportTable(name: "registry_public_employees", columns: [
        .text("id_number"), .text("employer"), .text("start_date"), .text("name"), .text("end_date"), .text("id_problem"), .text("area_code"),
    ], keyCount: 3, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        let person = try RegistryID(record, "id_number")
        let start = try record.date("start_date"), end = try record.optionalDate("end_date")
        if let end, end < start { throw ImportRowProblem(field: "end_date", reason: "离职日期早于入职日期 (ends before it starts)") }
        return ImportRow(values: [person.text, .text(try record.required("employer")), .text(start.description), .text(try record.required("name")),
                                  end.map { .text($0.description) } ?? .null, person.problem, .text(root.text)], area: root, warning: person.warning)
    }
}
