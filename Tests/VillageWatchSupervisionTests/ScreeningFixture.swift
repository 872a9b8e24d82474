import VillageWatchCore
import VillageWatchSupervision

/// A small village for the rule tests: a cadre with a wife in his household and a declared
/// brother, a cadre of a neighbouring village, and helpers for dates, bank lines and leases.
enum ScreeningFixture {
    static let village = "440882101201"
    static let neighbour = "440882101202"
    static let otherTown = "440882102201"
    static let cadreID = "440882197001010011", wifeID = "440882197203040022", brotherID = "440882197505060033"

    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// 张建国 (村委会主任 since 2021) lives with 王秀英 and declared his brother 张建军;
    /// 赵德明 was the neighbouring village's secretary.
    static func world() -> ScreeningWorld {
        var world = ScreeningWorld()
        world.persons = [
            cadreID: .init(id: cadreID, name: "张建国", householdID: "H1", groupCode: village + "001"),
            wifeID: .init(id: wifeID, name: "王秀英", householdID: "H1", groupCode: village + "001"),
            brotherID: .init(id: brotherID, name: "张建军", householdID: "H2", groupCode: village + "002"),
        ]
        world.cadres = [
            .init(id: cadreID, name: "张建国", villageCode: village, position: "村委会主任", termStart: day("2021-01-01"), termEnd: nil),
            .init(id: "440882196802020044", name: "赵德明", villageCode: neighbour, position: "党支部书记", termStart: day("2018-01-01"), termEnd: nil),
        ]
        world.relatives = [.init(cadreID: cadreID, id: brotherID, name: "张建军", relationship: "兄弟")]
        return world
    }

    /// A line of the village's account `6228001`: negative amounts are money out.
    static func flow(_ id: String, _ date: String, _ amountFen: Int64, to name: String? = nil, channel: String? = "转账",
                     summary: String? = nil, village: String = village) -> ScreeningWorld.BankFlow {
        .init(accountNumber: village == Self.village ? "6228001" : "6228002", villageCode: village, transactionID: id, bookedOn: day(date),
              amountFen: amountFen, counterpartyName: name, channel: channel, summary: summary)
    }

    static func lease(_ id: String, type: String = "耕地", lessee: String = "刘大海", lesseeID: String? = nil, mu: Int64? = 5,
                      from start: String = "2024-03-01", to end: String = "2034-02-28", rentFen: Int64 = 500_000,
                      award: String? = "公开招标", schedule: String? = "年付", village: String = village) -> ScreeningWorld.Lease {
        .init(contractID: id, villageCode: village, assetType: type, lesseeName: lessee, lesseeIDNumber: lesseeID,
              areaHundredths: mu.map { $0 * 100 }, start: day(start), end: day(end), annualRentFen: rentFen,
              awardMethod: award, paymentSchedule: schedule)
    }

    static func evidence(_ finding: Finding, _ name: String) -> EvidenceValue? { finding.evidence.first { $0.0 == name }?.1 }
}
