import SQLKit
import VillageWatchCore

/// `cadres.csv`: who holds which position in which village, for which term.
public struct CadresDataset: ImportDataset {
    public init() {}

    public let name = "cadres"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [.required("id_number"), .required("name"), .required("village_code"), .required("position"),
                                          .required("term_start"), .optional("term_end")]
    public let table = ImportTable(name: "cadres", columns: [
        .text("id_number"), .text("village_code"), .text("position"), .text("term_start"), .text("name"), .text("term_end"), .text("id_problem"),
    ], keyCount: 4, areaColumn: "village_code")

    /// The known village codes.
    public func prepare(_ db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.select().column("code").from("areas").where("level", .equal, SQLBind(AreaLevel.village.rawValue))
            .all(decodingColumn: "code", as: String.self))
    }

    public func row(from record: ImportRecordFields, lookup villages: inout Set<String>) throws(ImportRowProblem) -> ImportRow {
        let id = IDNumber(try record.required("id_number"))
        let villageText = try record.required("village_code")
        guard let village = AreaCode(villageText), villages.contains(village.text) else {
            throw ImportRowProblem(field: "village_code", reason: "未知的村（居）委会代码 (unknown village code) \(villageText)")
        }
        let start = try record.date("term_start")
        let end = try record.optionalDate("term_end")
        if let end, end < start {
            throw ImportRowProblem(field: "term_end", reason: "任期结束早于开始 (term ends before it starts)")
        }
        return ImportRow(values: [
            .text(id.text), .text(village.text), .text(try record.required("position")), .text(start.description),
            .text(try record.required("name")), end.map { .text($0.description) } ?? .null, id.problem.map { .text($0.rawValue) } ?? .null,
        ], area: village, warning: id.problem.map { IDNumberWarning.text(id, $0) })
    }
}
