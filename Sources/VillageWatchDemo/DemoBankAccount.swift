import VillageWatchCore

/// One collective account of the demo: a village's 股份经济合作社 or a village group's account,
/// all at the rural commercial bank.
struct DemoBankAccount: Sendable {
    static let bank = "雷州农村商业银行"

    let number: String
    let name: String
    let areaCode: String
    let isVillage: Bool

    /// `8002` and the area code padded to 15 digits: unique, stable, 19 digits like the bank's.
    static func number(for areaCode: String) -> String {
        "8002" + areaCode + String(repeating: "0", count: max(0, 15 - areaCode.count))
    }

    static func village(_ village: DemoVillage) -> DemoBankAccount {
        DemoBankAccount(number: number(for: village.code), name: shortName(village) + "股份经济合作社", areaCode: village.code, isVillage: true)
    }

    static func group(code: String, name: String, of village: DemoVillage) -> DemoBankAccount {
        DemoBankAccount(number: number(for: code), name: shortName(village) + name, areaCode: code, isVillage: false)
    }

    /// 白沙村委会 → 白沙村, 镇中社区居委会 → 镇中社区: how the collective names itself.
    static func shortName(_ village: DemoVillage) -> String {
        for (suffix, replacement) in [("村民委员会", "村"), ("村委会", "村"), ("社区居委会", "社区"), ("居委会", "居委")]
        where village.name.hasSuffix(suffix) {
            return String(village.name.dropLast(suffix.count)) + replacement
        }
        return village.name
    }

    /// The row of bank-accounts.csv; the opening date is drawn from the account's own stream.
    func row(_ rng: inout DemoRandom) -> [String] {
        let opened = CalendarDate(year: rng.int(2010...2019), month: rng.int(1...12), day: rng.int(1...28))!
        return [number, name, Self.bank, areaCode, opened.description, isVillage ? "村集体资金" : "村民小组集体资金"]
    }
}
