/// The other side of a village's flows: county payers, the village's own suppliers and
/// lessee companies (names drawn once per village) and personal accounts of villagers.
/// Every organisation's name carries a mark the counterparty resolver recognises
/// (局, 公司, 商行, 养殖场, 服务站…), so no villager is mistaken for one.
struct DemoCounterparties: Sendable {
    struct Party: Sendable, Equatable {
        let account: String
        let name: String
        let bank: String
    }

    static let finance = Party(account: "4408820000000001", name: "雷州市财政局", bank: "国家金库雷州市支库")
    static let agriculture = Party(account: "4408820000000002", name: "雷州市农业农村局", bank: DemoBankAccount.bank)
    static let power = Party(account: "44001780106053000001", name: "广东电网有限责任公司湛江雷州供电局", bank: "中国建设银行雷州支行")
    static let telecom = Party(account: "44001780106053000002", name: "中国电信股份有限公司雷州分公司", bank: "中国工商银行雷州支行")
    static let bankItself = Party(account: "", name: DemoBankAccount.bank, bank: DemoBankAccount.bank)

    static let words = ["海丰", "南兴", "雷城", "兴达", "宏远", "富民", "金穗", "绿源", "鸿运", "华南",
                        "恒通", "顺发", "嘉禾", "新农", "长盛", "粤西", "港湾", "丰收", "旺达", "联丰"]

    let town: Party
    let builder: Party, materials: Party, stationer: Party, cleaner: Party, shop: Party, nursery: Party
    let lessees: [Party]

    init(village: DemoVillage, rng: inout DemoRandom) {
        let townCode = String(village.code.prefix(9)) + "000"
        let townName = village.town.isEmpty ? "镇人民政府" : village.town + (village.town.hasSuffix("街道") ? "办事处" : "人民政府")
        town = Party(account: DemoBankAccount.number(for: townCode), name: townName, bank: DemoBankAccount.bank)
        func company(_ kind: String) -> Party {
            let name = "雷州市" + rng.pick(Self.words) + kind
            return Party(account: Self.account(prefix: "8002", name + village.code), name: name, bank: DemoBankAccount.bank)
        }
        builder = company("建筑工程有限公司")
        materials = company("建材商行")
        stationer = company("文具店")
        cleaner = company("环卫服务站")
        shop = company("百货商店")
        nursery = company("苗木有限公司")
        lessees = [company("养殖场"), company("农业发展有限公司")]
    }

    /// A villager's personal debit card at the rural commercial bank.
    static func person(_ name: String, village: DemoVillage) -> Party {
        Party(account: account(prefix: "6217", name + village.code), name: name, bank: DemoBankAccount.bank)
    }

    /// A stable 19-digit account number for a name.
    static func account(prefix: String, _ text: String) -> String {
        let digits = String(DemoRandom.hash(text) % 1_000_000_000_000_000)
        return prefix + String(repeating: "0", count: 15 - digits.count) + digits
    }
}
