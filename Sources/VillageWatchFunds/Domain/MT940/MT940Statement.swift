import Foundation
import VillageWatchCore

/// One statement (MT940) or interim report (MT942) as written, before it becomes a `ParsedStatement`.
struct MT940Statement: Sendable, Equatable {
    /// The line of its first field, and of its last.
    var line: Int
    var lastLine: Int
    /// `:20:`, `:21:`, `:25:`, `:28C:`.
    var transactionReference: String?
    var relatedReference: String?
    var account: String?
    var statementNumber: String?
    var opening: MT940Balance?
    var closing: MT940Balance?
    /// `:64:` closing available balance, `:65:` forward available balances.
    var closingAvailable: MT940Balance?
    var forwardAvailable: [MT940Balance] = []
    /// MT942: `:13D:` date and time of the report, `:34F:` floor limits' currency, `:90D:`/`:90C:`.
    var reportDateTime: String?
    var floorLimitCurrency: String?
    var sums: [MT940EntrySum] = []
    var entries: [MT940Entry] = []
    /// `:86:` that follows no entry (after the closing balance: information for the account owner).
    var information: [String] = []
    /// The statement's currency, set by `resolve`: the opening balance's, else the closing
    /// balance's, else the MT942 floor limit's or sums', else the available balances'; empty when
    /// the file names none (upstream's `statement_details` sample is a lone `:61:` and `:86:`).
    var currency = ""

    init(line: Int) {
        self.line = line
        self.lastLine = line
    }

    /// An MT942 interim report: no booked balances, but MT942's own fields.
    var isInterimReport: Bool {
        opening == nil && closing == nil && (reportDateTime != nil || floorLimitCurrency != nil || !sums.isEmpty)
    }

    /// Whether anything but identification has been read (a second `:60F:` then starts a new statement).
    var hasBalancesOrEntries: Bool {
        opening != nil || closing != nil || !entries.isEmpty
    }

    mutating func resolve(file: String) throws(StatementParseError) {
        currency = opening?.currency ?? closing?.currency ?? floorLimitCurrency ?? sums.first?.currency
            ?? closingAvailable?.currency ?? forwardAvailable.first?.currency ?? ""
        try opening?.resolve(currency: currency, file: file)
        try closing?.resolve(currency: currency, file: file)
        try closingAvailable?.resolve(currency: currency, file: file)
        for index in forwardAvailable.indices { try forwardAvailable[index].resolve(currency: currency, file: file) }
        for index in entries.indices { try entries[index].resolve(currency: currency, file: file) }
    }

    var parsed: ParsedStatement {
        ParsedStatement(
            account: account ?? "", currency: currency,
            openingBalance: opening.map { ParsedBalance(amountMinor: $0.amountMinor, date: $0.date) },
            closingBalance: closing.map { ParsedBalance(amountMinor: $0.amountMinor, date: $0.date) },
            transactions: entries.map { entry in
                ParsedTransaction(bookedOn: entry.entryDate ?? entry.valueDate, valueOn: entry.valueDate, amountMinor: entry.amountMinor,
                                  currency: currency, counterpartyName: entry.details.counterpartyName,
                                  counterpartyAccount: entry.details.counterpartyAccount, reference: entry.reference,
                                  description: entry.details.description)
            })
    }
}
