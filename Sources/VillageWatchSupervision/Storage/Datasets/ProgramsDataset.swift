import VillageWatchCore

/// `programs.csv`: the county's benefit programmes, overriding the built-in ones by code.
public struct ProgramsDataset: RegistryDataset {
    public init() {}

    public let name = "programs"
    public let columns: [ImportColumn] = [.required("program_code"), .required("program_name"), .required("department"),
                                          .required("means_tested"), .required("area_based")]
    public let table = ImportTable(name: "benefit_programs", columns: [
        .text("program_code"), .text("program_name"), .text("department"), .integer("means_tested"), .integer("area_based"), .text("area_code"),
    ], keyCount: 1, areaColumn: "area_code")

    public func row(from record: ImportRecordFields, lookup root: inout AreaCode) throws(ImportRowProblem) -> ImportRow {
        let code = try record.required("program_code").uppercased()
        guard code.count <= 32, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ImportRowProblem(field: "program_code", reason: "项目代码只能包含字母、数字、横线和下划线 (not a programme code) '\(code)'")
        }
        return ImportRow(values: [.text(code), .text(try record.required("program_name")), .text(try record.required("department")),
                                  .integer(try record.flag("means_tested") ? 1 : 0), .integer(try record.flag("area_based") ? 1 : 0), .text(root.text)],
                         area: root)
    }
}
