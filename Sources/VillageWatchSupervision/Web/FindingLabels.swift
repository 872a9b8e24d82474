import Foundation
import VillageWatchCore

/// How a finding's fields read on its page: Chinese labels, money in yuan, and a link to the
/// record a field names (the person, the account's flows).
enum FindingLabels {
    static let names: [String: String] = [
        "id_number": "身份证号码", "payment_id": "发放记录号", "account_number": "账号", "transaction_id": "流水号", "transaction_ids": "流水号",
        "contract_id": "合同编号", "period": "期间", "program_code": "项目", "death_date": "死亡日期", "employee_id_number": "财政供养人员",
        "start_date": "入职日期", "owner_id_number": "登记人", "plate": "车牌", "registered_on": "登记日期", "cadre_id_number": "村干部",
        "cadre_position": "职务", "tie": "关系", "other_payment_ids": "其他发放记录", "villages": "涉及村", "quantity_mu": "申报面积（亩）",
        "contracted_mu": "承包面积（亩）", "payee_account_name": "收款户名", "recipient_name": "领取人", "recipient_id_number": "领取人",
        "recipient_id_numbers": "领取人", "households": "涉及户数", "payment_ids": "发放记录", "link_basis": "关联依据",
        "linked_id_number": "关联到的户籍人员", "village_code": "村", "amounts_fen": "各笔金额", "annual_rent_fen": "年租金",
        "approval_threshold_fen": "审批额度", "area_mu": "面积（亩）", "asset_type": "资产类型", "award_method": "发包方式", "bank_out_fen": "银行实际支出",
        "booked_on": "记账日期", "cadre_name": "村干部", "cash_limit_fen": "现金限额", "channel": "渠道", "count": "笔数", "counterparty_name": "对方户名",
        "due_on": "应公开/应收日期", "end_date": "结束日期", "first_digit_counts": "首位数字分布", "grace_days": "宽限天数", "instalment_fen": "应收金额",
        "label": "事项", "latest_lawful_end": "法定最迟结束日期", "lessee_id_number": "承包方", "lessee_name": "承包方", "mad": "平均绝对偏差",
        "mad_limit": "偏差上限", "match_basis": "匹配依据", "maximum_years": "法定最长年限", "paid_by": "付款情况", "payment_schedule": "付款方式",
        "peers": "可比合同数", "published": "公开情况", "published_spending_fen": "公开的支出", "purpose": "用途", "reason": "原因",
        "rent_per_mu_fen": "每亩租金", "summary": "摘要", "total_fen": "合计", "town_code": "镇", "town_median_per_mu_fen": "本镇同类中位数（每亩）",
        "transactions": "流水", "window_days": "时间窗（天）",
    ]

    static let linkBases: [String: String] = [
        "name-birth-village": "身份证号码有误，按姓名、出生日期和村关联（模糊匹配，须核实）",
        "one-digit": "身份证号码校验位不符，与本村同名人员仅差一位（模糊匹配，须核实）",
    ]

    /// One row of the page: label, text, and a link when the value names a record.
    static func row(_ key: String, _ value: Any, subject: [(String, Any)]) -> [String: Any] {
        let text: String
        switch value {
        case let values as [NSNumber] where key.hasSuffix("_fen"): text = values.map { Fen($0.int64Value).yuanText }.joined(separator: "、") + " 元"
        case let texts as [Any]: text = texts.map { "\($0)" }.joined(separator: "、")
        case let number as NSNumber where key.hasSuffix("_fen"): text = Fen(number.int64Value).yuanText + " 元"
        default: text = linkBases[key == "link_basis" ? "\(value)" : ""] ?? "\(value)"
        }
        var row: [String: Any] = ["label": names[key] ?? key, "text": text]
        if key.hasSuffix("id_number"), !(value is [Any]) { row["href"] = "/admin/persons/\(value)" }
        if key == "account_number" { row["href"] = "/admin/funds/accounts/\(value)" }
        if key == "transaction_id", let account = subject.first(where: { $0.0 == "account_number" })?.1 { row["href"] = "/admin/funds/accounts/\(account)" }
        return row
    }
}
