import SQLKit
import VillageWatchCore

/// The village and group codes rows may name, loaded once per run.
public struct VillageAreas: Sendable {
    let codes: Set<String>

    static func load(_ db: any SQLDatabase) async throws -> VillageAreas {
        VillageAreas(codes: Set(try await db.select().column("code").from("areas")
            .where("level", .in, [AreaLevel.village.rawValue, AreaLevel.group.rawValue]).all(decodingColumn: "code", as: String.self)))
    }

    /// The row's village or group, refused when unknown; `villageOnly` refuses group codes.
    func area(_ record: ImportRecordFields, _ column: String, villageOnly: Bool = false) throws(ImportRowProblem) -> AreaCode {
        let text = try record.required(column)
        guard let area = AreaCode(text), codes.contains(area.text), !villageOnly || area.level == .village else {
            throw ImportRowProblem(field: column, reason: villageOnly ? "未知的村（居）委会代码 (unknown village code) \(text)"
                                                                     : "未知的村或村民小组代码 (unknown village or group code) \(text)")
        }
        return area
    }
}
