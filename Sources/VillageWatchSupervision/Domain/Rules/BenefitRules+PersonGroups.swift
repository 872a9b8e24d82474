import VillageWatchCore

/// The rules that compare payments with each other: one person paid twice for one month, one
/// account receiving several households' benefits. Both walk the payments person by person, so
/// a county's millions of rows cost a few hundred thousand small groups, not a hash per row.
extension BenefitRules {
    /// A person's payments of one programme for one month beyond the first, each a finding
    /// naming the others (ordered by department and payment ID).
    func duplicates() -> [Finding] {
        (0..<linked.personCount).flatMap { person -> [Finding] in
            let indices = linked.payments(ofPerson: person)
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

    /// Payments into an account named for someone outside the recipient's household; each
    /// person's payee is looked up in the household once, not once a month.
    func payeeMismatches() -> [Finding] {
        (0..<linked.personCount).flatMap { person -> [Finding] in
            var known: (payee: String, inHousehold: Bool)?
            return linked.payments(ofPerson: person).compactMap { index -> Finding? in
                let item = linked.items[index]
                guard let payee = item.payment.payeeAccountName, !payee.isEmpty, payee != item.payment.recipientName else { return nil }
                if known?.payee != payee { known = (payee, kinship.household(of: item.id, hasMemberNamed: payee)) }
                guard known?.inHousehold == false else { return nil }
                return finding(.benPayeeMismatch, item, evidence: [("payee_account_name", .text(payee)), ("recipient_name", .text(item.payment.recipientName))])
            }
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

    /// Accounts paid to at least `sharedAccountRecipients` households. Each account's first
    /// holder is remembered; a list of holders is started only when a second person appears (no
    /// list per account: a county has a million).
    func sharedAccounts() -> [Finding] {
        let minimum = thresholds.sharedAccountRecipients
        var firstHolder: [String: Int] = [:], holders: [String: [Int]] = [:]
        firstHolder.reserveCapacity(linked.personCount)
        forEachAccount { account, person in
            if minimum <= 1 {
                if holders[account]?.last != person { holders[account, default: []].append(person) }
            } else if let first = firstHolder[account] {
                if first != person, holders[account]?.last != person { holders[account, default: [first]].append(person) }
            } else {
                firstHolder[account] = person
            }
        }
        // A DIBAO household's members all hold the head's card: their households are counted
        // from one payment each before any account's payments are gathered.
        return holders.compactMap { account, persons in
            guard persons.count >= minimum, Set(persons.map { linked.items[linked.payments(ofPerson: $0).first!].household }).count >= minimum else {
                return nil
            }
            return sharedAccount(account, items: persons.flatMap { linked.payments(ofPerson: $0) }.map { linked.items[$0] }.filter { $0.payment.payeeAccount == account })
        }
    }

    /// Each person's payee accounts, a repeat of the previous payment's account skipped.
    func forEachAccount(_ body: (_ account: String, _ person: Int) -> Void) {
        for person in 0..<linked.personCount {
            var previous: String?
            for index in linked.payments(ofPerson: person) {
                guard let account = linked.items[index].payment.payeeAccount, !account.isEmpty, account != previous else { continue }
                previous = account
                body(account, person)
            }
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
