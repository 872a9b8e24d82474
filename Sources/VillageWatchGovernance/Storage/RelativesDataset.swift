import SQLKit
import VillageWatchCore

/// `relatives.csv`: cadres' declared close relatives. Each declaration belongs to the village
/// where the cadre serves, which is what access scopes are checked against.
public struct RelativesDataset: ImportDataset {
    public init() {}

    public let name = "relatives"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [.required("cadre_id_number"), .required("relative_id_number"), .required("relative_name"),
                                          .required("relationship")]
    public let table = ImportTable(name: "relatives", columns: [
        .text("cadre_id_number"), .text("relative_id_number"), .text("relative_name"), .text("relationship"),
        .text("relative_id_problem"), .text("village_code"),
    ], keyCount: 2, areaColumn: "village_code")

    /// Each known cadre's village (the first, when a cadre serves in several).
    public func prepare(_ db: any SQLDatabase) async throws -> [String: String] {
        var villages: [String: String] = [:]
        for row in try await db.select().columns("id_number", "village_code").from("cadres").orderBy("village_code").all() {
            let id = try row.decode(column: "id_number", as: String.self)
            if villages[id] == nil { villages[id] = try row.decode(column: "village_code", as: String.self) }
        }
        return villages
    }

    public func row(from record: ImportRecordFields, lookup cadreVillages: inout [String: String]) throws(ImportRowProblem) -> ImportRow {
        let cadre = IDNumber(try record.required("cadre_id_number"))
        guard let villageText = cadreVillages[cadre.text], let village = AreaCode(villageText) else {
            throw ImportRowProblem(field: "cadre_id_number", reason: "未找到该村干部，请先导入 cadres (no cadre with this ID number; import cadres first) \(cadre.text)")
        }
        let relative = IDNumber(try record.required("relative_id_number"))
        let relationship = try record.required("relationship")
        guard DeclaredRelationship.all.contains(relationship) else {
            throw ImportRowProblem(field: "relationship", reason: "亲属关系应为 \(DeclaredRelationship.all.sorted().joined(separator: "、")) 之一 (unknown relationship '\(relationship)')")
        }
        return ImportRow(values: [
            .text(cadre.text), .text(relative.text), .text(try record.required("relative_name")), .text(relationship),
            relative.problem.map { .text($0.rawValue) } ?? .null, .text(village.text),
        ], area: village, warning: relative.problem.map { IDNumberWarning.text(relative, $0) })
    }
}
