import VillageWatchCore

/// The content of one transaction. Summaries use the words the county's default
/// classification rules look for (结息, 转移支付, 承包费, 工资/误工补贴, 工程, 办公, 保洁…), so
/// each everyday flow lands in its intended category.
struct DemoFlow: Sendable, Equatable {
    var amount: Int64
    var party: DemoCounterparties.Party?
    var channel = "转账"
    var summary: String
    var purpose = ""

    static func make(_ kind: DemoBankEvent.Kind, on day: CalendarDate, book: inout DemoAccountBook) -> DemoFlow {
        switch kind {
        case .fee, .interest: bankFlow(kind, book: &book)
        case .transfer, .townTransfer, .subsidy: publicMoney(kind, book: &book)
        case .lease: lease(book: &book)
        case .wage(let name, let position): wage(name: name, position: position, on: day, book: book)
        case .works, .office, .welfare, .pettyCash: spending(kind, book: &book)
        case .planted(let plant): planted(plant, book: &book)
        case .scripted(let scripted): scripted.flow
        }
    }

    private static func bankFlow(_ kind: DemoBankEvent.Kind, book: inout DemoAccountBook) -> DemoFlow {
        if kind == .fee {
            return DemoFlow(amount: -book.yuan(5...30), party: DemoCounterparties.bankItself, channel: "手续费", summary: "账户管理费")
        }
        // Current-account interest, 0.35% a year, settled quarterly.
        return DemoFlow(amount: max(1, book.balance * 35 / 40_000), party: DemoCounterparties.bankItself, summary: "结息", purpose: "活期存款利息")
    }

    private static func publicMoney(_ kind: DemoBankEvent.Kind, book: inout DemoAccountBook) -> DemoFlow {
        switch kind {
        case .transfer:
            DemoFlow(amount: book.yuan(30_000...80_000, step: 100), party: DemoCounterparties.finance, summary: "转移支付", purpose: "村级组织运转经费")
        case .townTransfer:
            DemoFlow(amount: book.yuan(5_000...20_000, step: 100), party: book.parties.town, summary: "转移支付", purpose: "村级办公经费")
        default:
            DemoFlow(amount: book.yuan(3_000...50_000, step: 100), party: DemoCounterparties.agriculture, summary: book.rng.pick(["奖补资金", "扶持资金"]),
                     purpose: book.rng.pick(["高标准农田建设奖补", "村集体经济发展扶持", "人居环境整治奖补"]))
        }
    }

    private static func lease(book: inout DemoAccountBook) -> DemoFlow {
        let lessee = book.lessee()
        let company = book.parties.lessees.contains { $0.name == lessee.name }
        let amount = company ? book.yuan(10_000...80_000, step: 10) : book.yuan(800...12_000, step: 10)
        let what = book.account.isVillage ? ["鱼塘承包费", "耕地发包收入", "林地承包费", "厂房租金"] : ["鱼塘承包费", "耕地发包收入", "坡地承包费"]
        return DemoFlow(amount: amount, party: lessee, summary: book.rng.pick(what), purpose: "集体资产资源发包")
    }

    /// A quarter's pay, in the first month of the next quarter: 工资 for the secretary and the
    /// director, 误工补贴 for the others. Each person's monthly rate is fixed by the name.
    private static func wage(name: String, position: String, on day: CalendarDate, book: DemoAccountBook) -> DemoFlow {
        var rate = DemoRandom(seed: DemoRandom.hash(name + position + book.account.number))
        let monthly: Int
        switch position {
        case "党支部书记", "村委会主任": monthly = rate.int(28...36) * 100
        case "村民小组长": monthly = rate.int(30...60) * 10
        default: monthly = rate.int(12...22) * 100
        }
        let quarter = (day.month - 1) / 3 == 0 ? (day.year - 1, 4) : (day.year, (day.month - 1) / 3)
        let salaried = position == "党支部书记" || position == "村委会主任"
        return DemoFlow(amount: -Int64(monthly * 3 * 100), party: DemoCounterparties.person(name, village: book.roster.village), channel: "代发",
                        summary: "\(quarter.0)年第\(quarter.1)季度" + (salaried ? "工资" : "误工补贴"), purpose: position + "报酬")
    }

    private static func spending(_ kind: DemoBankEvent.Kind, book: inout DemoAccountBook) -> DemoFlow {
        let parties = book.parties, village = book.account.isVillage
        switch kind {
        case .works:
            let amount = village ? book.yuan(20_000...200_000, step: 100) : book.yuan(2_000...30_000, step: 10)
            let what = village ? ["村道硬化工程进度款", "水利设施修缮工程款", "文化室建设工程款", "排水沟施工款"] : ["水利维修工程款", "田间道路修缮款"]
            return DemoFlow(amount: -amount, party: parties.builder, summary: book.rng.pick(what), purpose: "村级公益工程")
        case .office:
            let options = village ? [("办公用品", parties.stationer), ("电费", DemoCounterparties.power), ("网费", DemoCounterparties.telecom), ("印刷费", parties.stationer)]
                                  : [("抽水电费", DemoCounterparties.power)]
            let (summary, party) = book.rng.pick(options)
            return DemoFlow(amount: -book.yuan(80...3_000, cents: true), party: party, summary: summary, purpose: "村务办公")
        case .welfare:
            let (summary, party) = book.rng.pick([("保洁费", parties.cleaner), ("春节慰问品", parties.shop), ("绿化苗木款", parties.nursery)])
            return DemoFlow(amount: -book.yuan(500...8_000, cents: true), party: party, summary: summary, purpose: "村内公益")
        default:
            return DemoFlow(amount: -book.yuan(500...2_000, step: 100), party: nil, channel: "现金", summary: "取现", purpose: "备用金")
        }
    }

    private static func planted(_ plant: DemoIrregularity.Kind, book: inout DemoAccountBook) -> DemoFlow {
        switch plant {
        case .paymentToRelative:
            let relative = book.rng.pick(book.roster.relatives.isEmpty ? book.roster.cadres.map(\.name) : book.roster.relatives)
            return DemoFlow(amount: -book.yuan(3_000...9_000, step: 10), party: DemoCounterparties.person(relative, village: book.roster.village),
                            summary: "劳务费", purpose: "临时用工")
        case .splitPayment:
            return DemoFlow(amount: -book.yuan(4_200...4_950, step: 10), party: book.parties.materials, summary: "材料款", purpose: "村道维修材料")
        case .cashWithdrawal, .balanceGap:
            return DemoFlow(amount: -book.yuan(3_000...9_000, step: 100), party: nil, channel: "现金", summary: "取现", purpose: "备用金")
        }
    }
}
