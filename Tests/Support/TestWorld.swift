import Foundation
import VillageWatchCore
import VillageWatchServer

/// A small world on top of the real division codes: village A (白沙村委会, 白沙镇) and village B
/// (沈塘镇), one group each, two households each, a cadre in each with declared relatives.
/// Cross-village access tests read and write B's data as a user of A.
public enum TestWorld {
    public static let townA = "440882100000"
    public static let villageA = "440882100200"
    public static let groupA = "440882100200001"
    public static let townB = "440882101000"
    public static let villageB = "440882101200"
    public static let groupB = "440882101200001"

    /// Cadre of A (陈志强), his wife, and a villager of A; cadre of B (李建国) and his son.
    public static let cadreA = "440882197001010019"
    public static let wifeA = "440882197502020020"
    public static let villagerA = "440882198003030034"
    public static let cadreB = "440882198504040046"
    public static let sonB = "440882200005050055"

    public static let areas = """
        code,name,level,parent_code
        \(groupA),陈屋村民小组,group,\(villageA)
        \(groupB),李屋村民小组,group,\(villageB)
        """
    public static let persons = """
        id_number,name,household_id,group_code,relation_to_head,gender,phone
        \(cadreA),陈志强,HA1,\(groupA),户主,男,13800001111
        \(wifeA),王秀英,HA1,\(groupA),配偶,女,
        \(villagerA),林海,HA2,\(groupA),户主,男,
        \(cadreB),李建国,HB1,\(groupB),户主,男,13900002222
        \(sonB),李明,HB1,\(groupB),子,男,
        """
    public static let cadres = """
        id_number,name,village_code,position,term_start,term_end
        \(cadreA),陈志强,\(villageA),党支部书记,2026-05-01,
        \(cadreB),李建国,\(villageB),村委会主任,2026-05-01,
        """
    public static let relatives = """
        cadre_id_number,relative_id_number,relative_name,relationship
        \(cadreA),\(wifeA),王秀英,配偶
        \(cadreB),\(sonB),李明,子女
        """

    /// Imports the world through the real pipeline as the command line would.
    public static func load(into database: Database) async throws {
        let pipeline = ImportPipeline(database: database)
        for (name, text) in [("areas", areas), ("persons", persons), ("cadres", cadres), ("relatives", relatives)] {
            let report = try await pipeline.run(any: try Platform.dataset(named: name), file: try temporaryCSV("\(name).csv", text),
                                                options: ImportOptions(), by: .system)
            guard report.outcome == .committed else { throw WorldLoadFailed(report: report) }
        }
    }
}

public struct WorldLoadFailed: Error, CustomStringConvertible {
    public let report: ImportReport
    public var description: String { "test world rejected: \(report.problems.map(\.description))" }
}
