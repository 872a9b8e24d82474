import VillageWatchCore

/// `filings.csv`: cadres' relatives whose benefit case was filed separately (近亲属备案), per
/// programme — what turns a cadre-relative payment from a lead into an approved case.
public struct FilingsDataset: RegistryDataset {
    public init() {}

    public let name = "filings"
    public let columns: [ImportColumn] = [.required("id_number"), .required("program_code"), .required("filed_on"), .optional("approved_by")]
    public let table = ImportTable(name: "relative_filings", columns: [
        .text("id_number"), .text("program_code"), .text("filed_on"), .text("approved_by"), .text("id_problem"), .text("area_code"),
    ], keyCount: 2, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        let person = try RegistryID(record, "id_number")
        return ImportRow(values: [person.text, .text(try record.required("program_code").uppercased()), .text(try record.date("filed_on").description),
                                  .optionalText(record["approved_by"]), person.problem, .text(root.text)], area: root, warning: person.warning)
    }
}
