import Foundation
import VillageWatchCore

/// Turns one `<Ntry>` of a camt.053 statement into transactions.
///
/// - Only booked entries count: `<Sts>` BOOK (`<Sts><Cd>BOOK</Cd></Sts>` from .08 on) or no
///   status. Pending or information-only entries (PDNG, INFO, FUTR) have not moved money and are
///   left out, as the booked balances leave them out.
/// - One transaction per entry, with the entry's amount and sign (`<Amt>`, `<CdtDbtInd>`); the
///   details come from the entry's first `<TxDtls>`. A `<TxDtls>` amount that differs from the
///   entry's does not win (upstream's camt053.v3 sample: entry 8.85, TxDtls 105.75; the oracle
///   keeps 8.85).
/// - A batch entry (several `<TxDtls>`) is split into one transaction per `<TxDtls>` only when
///   each of them has its own amount (`<Amt>`, or `<AmtDtls><TxAmt><Amt>` in .02) in the entry's
///   currency and together they add up exactly to the entry; the parts then get references
///   `<entry reference>/1`, `/2`, … so that they stay unique.
/// - Counterparty: the debtor for money in, the creditor for money out (`<Nm>`, `<Pty><Nm>` in
///   .08, or an agent's `<FinInstnId><Nm>`), the ultimate debtor/creditor only when the direct
///   party has no name; its account from `<DbtrAcct>`/`<CdtrAcct>` `<Id><IBAN>` or `<Othr><Id>`.
/// - Reference: the entry's `<AcctSvcrRef>`, else `<NtryRef>`, else the first `<TxDtls>`'s
///   `<Refs><AcctSvcrRef>`, else its `<Refs><EndToEndId>` (not `NOTPROVIDED`).
/// - Description: the remittance text (every `<Ustrd>`, joined by a space; without one the
///   structured creditor references `<Strd><CdtrRefInf><Ref>`, else `<Strd><AddtlRmtInf>`), then
///   `<AddtlTxInf>` and `<AddtlNtryInf>`, each once, joined by " / ".
struct Camt053EntryReader: Sendable {
    let fields: Camt053FieldReader

    func transactions(of entry: Camt053Element, path: String, defaultCurrency: String?) throws(StatementParseError) -> [ParsedTransaction] {
        if let status = entry.value("Sts", "Cd") ?? entry.value("Sts", "Prtry") ?? entry.value("Sts"), status != "BOOK" {
            return []
        }
        guard let amt = entry.child("Amt") else {
            throw fields.error(at: entry, path + "/Amt", "entry has no amount (<Amt>)")
        }
        let amount = try fields.amount(amt, path: path + "/Amt", indicator: entry.child("CdtDbtInd"), indicatorPath: path + "/CdtDbtInd",
                                        defaultCurrency: defaultCurrency)
        let valueOn = try fields.date(in: entry.child("ValDt"), path: path + "/ValDt")
        guard let bookedOn = try fields.date(in: entry.child("BookgDt"), path: path + "/BookgDt") ?? valueOn else {
            throw fields.error(at: entry, path + "/BookgDt", "entry has no booking date (<BookgDt><Dt> or <DtTm>) and no value date")
        }
        let entryReference = entry.value("AcctSvcrRef") ?? entry.value("NtryRef")
        let entryInformation = entry.value("AddtlNtryInf")
        let details = entry.children("NtryDtls").flatMap { $0.children("TxDtls") }

        if let parts = try split(details, of: amount, path: path) {
            return zip(details, parts).enumerated().map { index, pair in
                let (detail, part) = pair
                let reference = entryReference.map { "\($0)/\(index + 1)" } ?? detail.value("Refs", "AcctSvcrRef") ?? endToEndId(detail)
                return transaction(detail, amount: part, bookedOn: bookedOn, valueOn: valueOn, reference: reference,
                                   entryInformation: entryInformation)
            }
        }
        let first = details.first
        let reference = entryReference ?? first?.value("Refs", "AcctSvcrRef") ?? first.flatMap(endToEndId)
        return [transaction(first, amount: amount, bookedOn: bookedOn, valueOn: valueOn, reference: reference,
                            entryInformation: entryInformation)]
    }

    /// The amounts of a batch entry's parts, when it has several `<TxDtls>` that each carry an
    /// amount in the entry's currency and add up to the entry; otherwise `nil`.
    private func split(_ details: [Camt053Element], of amount: Camt053FieldReader.Amount, path: String) throws(StatementParseError) -> [Camt053FieldReader.Amount]? {
        guard details.count >= 2 else { return nil }
        var parts: [Camt053FieldReader.Amount] = []
        var total: Int64 = 0
        for (index, detail) in details.enumerated() {
            let detailPath = path + "/NtryDtls/TxDtls[\(index + 1)]"
            let amt: Camt053Element
            let amtPath: String
            if let direct = detail.child("Amt") {
                (amt, amtPath) = (direct, detailPath + "/Amt")
            } else if let inDetails = detail.element("AmtDtls", "TxAmt", "Amt") {
                (amt, amtPath) = (inDetails, detailPath + "/AmtDtls/TxAmt/Amt")
            } else {
                return nil
            }
            let indicator = detail.child("CdtDbtInd") ?? Camt053Element(name: "CdtDbtInd", line: amt.line, text: amount.isCredit ? "CRDT" : "DBIT")
            let part = try fields.amount(amt, path: amtPath, indicator: indicator, indicatorPath: detailPath + "/CdtDbtInd",
                                         defaultCurrency: amount.currency)
            guard part.currency == amount.currency else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(part.minor)
            guard !overflow else { return nil }
            total = sum
            parts.append(part)
        }
        return total == amount.minor ? parts : nil
    }

    private func transaction(_ detail: Camt053Element?, amount: Camt053FieldReader.Amount, bookedOn: CalendarDate, valueOn: CalendarDate?,
                             reference: String?, entryInformation: String?) -> ParsedTransaction {
        let parties = detail?.child("RltdPties")
        let (partyName, ultimateName, accountName) = amount.isCredit ? ("Dbtr", "UltmtDbtr", "DbtrAcct") : ("Cdtr", "UltmtCdtr", "CdtrAcct")
        let counterpartyName = name(of: parties?.child(partyName)) ?? name(of: parties?.child(ultimateName))
        let counterpartyAccount = parties?.child(accountName).flatMap { $0.value("Id", "IBAN") ?? $0.value("Id", "Othr", "Id") }

        var texts: [String] = []
        for text in [detail.flatMap(remittance), detail?.value("AddtlTxInf"), entryInformation] {
            if let text, !text.isEmpty, !texts.contains(text) { texts.append(text) }
        }
        return ParsedTransaction(bookedOn: bookedOn, valueOn: valueOn, amountMinor: amount.minor, currency: amount.currency,
                                 counterpartyName: counterpartyName, counterpartyAccount: counterpartyAccount, reference: reference,
                                 description: texts.joined(separator: " / "))
    }

    /// A party's name: `<Nm>` (.02–.07), `<Pty><Nm>` or `<Agt><FinInstnId><Nm>` (.08).
    private func name(of party: Camt053Element?) -> String? {
        guard let party else { return nil }
        return party.value("Nm") ?? party.value("Pty", "Nm") ?? party.value("Agt", "FinInstnId", "Nm")
    }

    private func remittance(_ detail: Camt053Element) -> String? {
        guard let information = detail.child("RmtInf") else { return nil }
        let unstructured = information.children("Ustrd").map(\.text).filter { !$0.isEmpty }
        if !unstructured.isEmpty { return unstructured.joined(separator: " ") }
        let structured = information.children("Strd")
        let references = structured.compactMap { $0.value("CdtrRefInf", "Ref") }
        if !references.isEmpty { return references.joined(separator: " ") }
        let additional = structured.flatMap { $0.children("AddtlRmtInf") }.map(\.text).filter { !$0.isEmpty }
        return additional.isEmpty ? nil : additional.joined(separator: " ")
    }

    private func endToEndId(_ detail: Camt053Element) -> String? {
        guard let id = detail.value("Refs", "EndToEndId"), id != "NOTPROVIDED" else { return nil }
        return id
    }
}
