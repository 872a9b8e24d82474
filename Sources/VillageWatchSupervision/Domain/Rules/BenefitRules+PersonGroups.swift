import VillageWatchCore

/// The rules that compare payments with each other: one person paid twice for one month, one
/// account receiving several households' benefits. Both walk the payments person by person, so
/// a county's millions of rows cost a few hundred thousand small groups, not a hash per row.
extension BenefitRules {
    /// A person's payments of one programme for one month beyond the first, each a finding
    /// naming the others (ordered by department and payment ID).
    func duplicates() -> [Finding] {
        linked.byPerson.values.flatMap { indices -> [Finding] in
            guard indices.count > 1 else { return [] }
            let items = indices.map { linked.items[$0] }.sorted { ($0.payment.programCode, $0.payment.period) < ($1.payment.programCode, $1.payment.period) }
            var result: [Finding] = [], start = 0
            while start < items.count {
                let first = items[start].payment
                let end = items[start...].firstIndex { $0.payment.programCode != first.programCode || $0.payment.period != first.period } ?? items.count
                if end - start > 1 { result += duplicateFindings(Array(items[start..<end])) }
                start = end
            }
            return result
        }
    }

    func duplicateFindings(_ group: [LinkedPayment]) -> [Finding] {
        let sorted = group.sorted { ($0.payment.department, $0.payment.paymentID) < ($1.payment.department, $1.payment.paymentID) }
        let villages: [String] = Array(Set(sorted.map(\.payment.villageCode))).sorted()
        return sorted.dropFirst().map { item -> Finding in
            let others: [String] = sorted.map(\.payment.paymentID).filter { $0 != item.payment.paymentID }
            return finding(.benDuplicate, item, evidence: [("other_payment_ids", .texts(others)), ("villages", .texts(villages))])
        }
    }

    /// Accounts paid to at least `sharedAccountRecipients` households. Each person's accounts
    /// are collected first; only accounts held by that many persons are looked at further.
    func sharedAccounts() -> [Finding] {
        var holders: [String: [String]] = [:]
        for (id, indices) in linked.byPerson {
            var accounts: [String] = []
            for index in indices {
                if let account = linked.items[index].payment.payeeAccount, !account.isEmpty, !accounts.contains(account) { accounts.append(account) }
            }
            for account in accounts { holders[account, default: []].append(id) }
        }
        return holders.compactMap { account, ids in
            guard ids.count >= thresholds.sharedAccountRecipients else { return nil }
            return sharedAccount(account, items: ids.flatMap { linked.byPerson[$0]! }.map { linked.items[$0] }.filter { $0.payment.payeeAccount == account })
        }
    }

    func sharedAccount(_ account: String, items: [LinkedPayment]) -> Finding? {
        let households = Set(items.map(\.household))
        guard households.count >= thresholds.sharedAccountRecipients else { return nil }
        let recipients = Array(Set(items.map(\.payment.recipientID))).sorted()
        return Finding(code: .benSharedAccount, villageCode: items.map(\.payment.villageCode).min()!, subject: [("account_number", .text(account))],
                       amountFen: items.reduce(0) { $0 + $1.payment.amountFen },
                       evidence: [("recipient_id_numbers", .texts(recipients)), ("households", .integer(Int64(households.count))),
                                  ("payment_ids", .texts(items.map(\.payment.paymentID).sorted()))])
    }
}
