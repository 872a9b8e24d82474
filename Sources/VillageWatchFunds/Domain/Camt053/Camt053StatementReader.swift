import Foundation
import VillageWatchCore

/// Turns one `<Stmt>` into a `ParsedStatement`.
///
/// - Account: `<Acct><Id><IBAN>`, else `<Acct><Id><Othr><Id>` (Chinese banks use the latter).
/// - Opening balance: the first `<Bal>` of type OPBD (opening booked) or PRCD (previously closed
///   booked, the same balance under another name); closing balance: the first CLBD. A page of a
///   statement split over several messages has interim booked balances (ITBD) instead: the first
///   ITBD opens it when there is no OPBD/PRCD but a CLBD or a second ITBD follows, the last ITBD
///   closes it when there is no CLBD but an opening or a second ITBD. Available (OPAV, CLAV, ITAV,
///   FWAV), information and expected balances are checked but not returned.
/// - Currency: `<Acct><Ccy>`, else the currency of the opening or closing balance, else of the
///   first entry, else of the first balance.
/// - A balance keeps the amount the bank wrote in its own `Ccy`, converted with that currency's
///   exponent, even when it is not the account's currency (upstream's samples have a CLBD in SEK
///   on a EUR account, and the oracle keeps it).
struct Camt053StatementReader: Sendable {
    let fields: Camt053FieldReader

    private struct Balance {
        var code: String
        var balance: ParsedBalance
        var currency: String
    }

    func statement(_ stmt: Camt053Element, path: String) throws(StatementParseError) -> ParsedStatement {
        guard let account = stmt.value("Acct", "Id", "IBAN") ?? stmt.value("Acct", "Id", "Othr", "Id") else {
            throw fields.error(at: stmt.child("Acct") ?? stmt, path + "/Acct/Id",
                               "statement has no account number (<Acct><Id><IBAN> or <Acct><Id><Othr><Id>)")
        }
        let accountCurrency = stmt.value("Acct", "Ccy")
        if let accountCurrency, !Camt053Money.isCurrencyCode(accountCurrency) {
            throw fields.error(at: stmt.element("Acct", "Ccy"), path + "/Acct/Ccy", "\"\(accountCurrency)\" is not an ISO 4217 currency code")
        }

        var balances: [Balance] = []
        for (index, bal) in stmt.children("Bal").enumerated() {
            let balancePath = "\(path)/Bal[\(index + 1)]"
            guard let amt = bal.child("Amt") else {
                throw fields.error(at: bal, balancePath + "/Amt", "balance has no amount (<Amt>)")
            }
            let amount = try fields.amount(amt, path: balancePath + "/Amt", indicator: bal.child("CdtDbtInd"), indicatorPath: balancePath + "/CdtDbtInd",
                                          defaultCurrency: accountCurrency)
            let date = try fields.date(in: bal.child("Dt"), path: balancePath + "/Dt")
            balances.append(Balance(code: bal.value("Tp", "CdOrPrtry", "Cd") ?? "", balance: ParsedBalance(amountMinor: amount.minor, date: date),
                                    currency: amount.currency))
        }
        let (opening, closing) = Self.openingAndClosing(balances)

        let entries = stmt.children("Ntry")
        guard let currency = accountCurrency ?? opening?.currency ?? closing?.currency
            ?? entries.lazy.compactMap({ $0.child("Amt")?.attributes["Ccy"] }).first ?? balances.first?.currency else {
            throw fields.error(at: stmt, path + "/Acct/Ccy", "statement has no currency (no <Acct><Ccy>, balance or entry with a Ccy)")
        }
        let entryReader = Camt053EntryReader(fields: fields)
        var transactions: [ParsedTransaction] = []
        for (index, entry) in entries.enumerated() {
            transactions += try entryReader.transactions(of: entry, path: "\(path)/Ntry[\(index + 1)]", defaultCurrency: currency)
        }
        return ParsedStatement(account: account, currency: currency, openingBalance: opening?.balance, closingBalance: closing?.balance,
                               transactions: transactions)
    }

    private static func openingAndClosing(_ balances: [Balance]) -> (opening: Balance?, closing: Balance?) {
        let booked = balances.first { $0.code == "OPBD" || $0.code == "PRCD" }
        let closed = balances.first { $0.code == "CLBD" }
        let interims = balances.filter { $0.code == "ITBD" }
        let opening = booked ?? ((closed != nil || interims.count >= 2) ? interims.first : nil)
        let closing = closed ?? ((booked != nil || interims.count >= 2) ? interims.last : nil)
        return (opening, closing)
    }
}
