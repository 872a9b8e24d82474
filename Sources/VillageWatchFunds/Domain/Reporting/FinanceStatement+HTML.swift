import VillageWatchCore

/// The statement as the publication's body: the table villagers read on the notice board and on
/// the publication page, with every corrected line's reason beside it.
extension FinanceStatement {
    public func bodyHTML(villageName: String) -> String {
        func row(_ label: String, _ fen: Int64, _ note: String = "") -> String {
            "<tr><td>\(HTMLEscape.escaped(label))</td><td>\(Fen(fen).yuanText)</td><td>\(HTMLEscape.escaped(note))</td></tr>"
        }
        let income = lines.filter { $0.category.isIncome && $0.amountFen != 0 }
        let spending = lines.filter { !$0.category.isIncome && $0.amountFen != 0 }
        var rows = [row("期初余额", openingFen)]
        rows += income.map { row("收入：\($0.category.chineseName)", $0.amountFen, $0.reason.map { "已更正：\($0)" } ?? "") }
        rows.append(row("本月收入合计", incomeFen))
        rows += spending.map { row("支出：\($0.category.chineseName)", $0.amountFen, $0.reason.map { "已更正：\($0)" } ?? "") }
        rows.append(row("本月支出合计", spendingFen))
        rows.append(row("期末余额", closingFen))
        return "<p>\(HTMLEscape.escaped(villageName))\(period.chineseName)集体资金收支情况（单位：元），由银行流水生成，平台按银行流水逐项核对。</p>"
            + "<table><tr><th>项目</th><th>金额（元）</th><th>说明</th></tr>" + rows.joined() + "</table>"
    }
}
