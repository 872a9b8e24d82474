/// The finding codes of IMPORT-FORMATS.md, each with its severity and the rule in plain words
/// the finding's page shows a villager or officer.
public enum FindingCode: String, Sendable, CaseIterable, Codable, Comparable {
    case benDeceased = "BEN-DECEASED"
    case benPublicEmployee = "BEN-PUBLIC-EMPLOYEE"
    case benVehicle = "BEN-VEHICLE"
    case benBusiness = "BEN-BUSINESS"
    case benCadreRelativeUnfiled = "BEN-CADRE-RELATIVE-UNFILED"
    case benDuplicate = "BEN-DUPLICATE"
    case benAreaOverstated = "BEN-AREA-OVERSTATED"
    case benPayeeMismatch = "BEN-PAYEE-MISMATCH"
    case benSharedAccount = "BEN-SHARED-ACCOUNT"
    case bankSplit = "BANK-SPLIT"
    case bankCash = "BANK-CASH"
    case bankToCadre = "BANK-TO-CADRE"
    case bankUnpublished = "BANK-UNPUBLISHED"
    case bankBenford = "BANK-BENFORD"
    case conRelativeLessee = "CON-RELATIVE-LESSEE"
    case conNoBidding = "CON-NO-BIDDING"
    case conTerm = "CON-TERM"
    case conRentArrears = "CON-RENT-ARREARS"
    case conRentLow = "CON-RENT-LOW"
    case pubOverdue = "PUB-OVERDUE"

    public enum Severity: String, Sendable, Codable { case high, medium, low }

    public var severity: Severity {
        switch self {
        case .benDeceased, .benCadreRelativeUnfiled, .benDuplicate, .bankToCadre, .conRelativeLessee: .high
        case .benPublicEmployee, .benVehicle, .benBusiness, .benAreaOverstated, .benPayeeMismatch, .benSharedAccount, .bankSplit,
             .bankUnpublished, .conNoBidding, .conRentArrears: .medium
        case .bankCash, .bankBenford, .conTerm, .conRentLow, .pubOverdue: .low
        }
    }

    public var chineseName: String {
        switch self {
        case .benDeceased: "死亡人员仍领取补贴"
        case .benPublicEmployee: "财政供养人员家庭领取困难救助"
        case .benVehicle: "有车家庭领取困难救助"
        case .benBusiness: "有工商登记的家庭领取困难救助"
        case .benCadreRelativeUnfiled: "村干部及亲属享受救助未备案"
        case .benDuplicate: "同一人同一期重复领取"
        case .benAreaOverstated: "补贴面积超过承包面积"
        case .benPayeeMismatch: "收款账户不是本人或家庭成员"
        case .benSharedAccount: "一个账户代领多户补贴"
        case .bankSplit: "拆分支付规避审批"
        case .bankCash: "大额提取现金"
        case .bankToCadre: "资金转给村干部或其亲属"
        case .bankUnpublished: "支出与财务公开不符或未公开"
        case .bankBenford: "支出金额分布异常（本福特定律）"
        case .conRelativeLessee: "村干部或其亲属承包集体资产"
        case .conNoBidding: "应公开招标的发包未公开招标"
        case .conTerm: "承包期超过法定年限"
        case .conRentArrears: "承包费逾期未收"
        case .conRentLow: "承包费明显偏低"
        case .pubOverdue: "应公开事项逾期未公开"
        }
    }

    /// The rule as the finding's page states it.
    public var rule: String {
        switch self {
        case .benDeceased: "补贴发放期间晚于领取人的死亡月份。"
        case .benPublicEmployee: "困难救助类补贴发给了在发放期间有财政供养人员（在职）的家庭。"
        case .benVehicle: "困难救助类补贴发给了在发放期间之前已登记非农用机动车的家庭。"
        case .benBusiness: "困难救助类补贴发给了在发放期间之前已有工商登记的家庭。"
        case .benCadreRelativeUnfiled: "困难救助类补贴发给了本村村干部本人、其家庭成员或其申报的亲属，且该人该项目没有单独备案（民发〔2022〕83号）。"
        case .benDuplicate: "同一人同一项目同一期间领取了两次或以上（同村或不同村）。"
        case .benAreaOverstated: "按面积发放的补贴，申报面积超过该户承包地面积的容差（默认 5%）。"
        case .benPayeeMismatch: "收款账户户名既不是领取人本人，也不是其家庭成员。"
        case .benSharedAccount: "同一收款账户为 3 户或以上不同家庭的领取人收款。"
        case .bankSplit: "7 天内向同一对象多次付款，每笔低于审批额度（默认 5,000 元），合计达到或超过审批额度。"
        case .bankCash: "单笔提取现金超过限额（默认 2,000 元）。"
        case .bankToCadre: "集体账户向本村村干部或其申报亲属同名账户付款（工资、误工补贴除外）。"
        case .bankUnpublished: "某月实际支出与该月财务公开的支出不一致，或有支出而未公开。"
        case .bankBenford: "全年 200 笔以上支出的首位数字分布不符合本福特定律（平均绝对偏差大于 0.015）。"
        case .conRelativeLessee: "承包方是本村村干部、其家庭成员或其申报的亲属。"
        case .conNoBidding: "达到公开招标标准（耕地、鱼塘 10 亩以上，山地、林地 30 亩以上，或年租金 5 万元以上）的发包未采用公开招标或公开竞价。"
        case .conTerm: "承包期超过法定上限（默认 30 年）。"
        case .conRentArrears: "按合同应收的承包费，到期后 60 天内没有收到承包方的款项。"
        case .conRentLow: "每亩租金低于本镇同类资产中位数的一半。"
        case .pubOverdue: "按规定应定期公开的事项超过期限仍未公开。"
        }
    }

    /// The formats doc's order, which sorted findings follow.
    private static let order = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    public static func < (a: Self, b: Self) -> Bool { order[a]! < order[b]! }
}
