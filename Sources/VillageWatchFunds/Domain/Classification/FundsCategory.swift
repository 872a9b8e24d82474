/// Income and expense categories of a village's collective funds, as financial publications
/// and the public funds pages group them.
public enum FundsCategory: String, Sendable, Codable, CaseIterable {
    case businessIncome = "business-income"
    case leaseIncome = "lease-income"
    case subsidyIncome = "subsidy-income"
    case transferIn = "transfer-in"
    case interestIncome = "interest-income"
    case otherIncome = "other-income"
    case wages
    case works
    case office
    case publicWelfare = "public-welfare"
    case bankFees = "bank-fees"
    case transferOut = "transfer-out"
    case otherExpense = "other-expense"

    public var chineseName: String {
        switch self {
        case .businessIncome: "集体经营收入"
        case .leaseIncome: "发包收入"
        case .subsidyIncome: "补助收入"
        case .transferIn: "转移支付"
        case .interestIncome: "利息收入"
        case .otherIncome: "其他收入"
        case .wages: "工资及误工补贴"
        case .works: "工程支出"
        case .office: "办公支出"
        case .publicWelfare: "公益支出"
        case .bankFees: "手续费"
        case .transferOut: "转出"
        case .otherExpense: "其他支出"
        }
    }

    public var isIncome: Bool {
        [.businessIncome, .leaseIncome, .subsidyIncome, .transferIn, .interestIncome, .otherIncome].contains(self)
    }
}
