import Foundation
import VillageWatchCore

/// What a bank statement parser produces, whatever the format (MT940/942, camt.053, a Chinese
/// bank's CSV/XLSX export through a mapping profile, the canonical CSV). Amounts are integers in
/// the currency's minor unit (fen for CNY); `villagewatch bank parse --json` prints exactly this.
public struct ParsedStatement: Sendable, Equatable, Encodable {
    public var account: String
    public var currency: String
    public var openingBalance: ParsedBalance?
    public var closingBalance: ParsedBalance?
    public var transactions: [ParsedTransaction]

    public init(account: String, currency: String, openingBalance: ParsedBalance? = nil, closingBalance: ParsedBalance? = nil,
                transactions: [ParsedTransaction] = []) {
        self.account = account
        self.currency = currency
        self.openingBalance = openingBalance
        self.closingBalance = closingBalance
        self.transactions = transactions
    }

    enum CodingKeys: String, CodingKey {
        case account, currency, transactions
        case openingBalance = "opening_balance", closingBalance = "closing_balance"
    }

    /// Encodes `nil` balances as JSON `null`, as the documented output shows.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(account, forKey: .account)
        try c.encode(currency, forKey: .currency)
        try c.encode(openingBalance, forKey: .openingBalance)
        try c.encode(closingBalance, forKey: .closingBalance)
        try c.encode(transactions, forKey: .transactions)
    }
}

public struct ParsedBalance: Sendable, Equatable, Encodable {
    public var amountMinor: Int64
    public var date: CalendarDate?

    public init(amountMinor: Int64, date: CalendarDate?) {
        self.amountMinor = amountMinor
        self.date = date
    }

    enum CodingKeys: String, CodingKey { case amountMinor = "amount_minor", date }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(amountMinor, forKey: .amountMinor)
        try c.encode(date?.description, forKey: .date)
    }
}

public struct ParsedTransaction: Sendable, Equatable, Encodable {
    public var bookedOn: CalendarDate
    public var valueOn: CalendarDate?
    /// Signed: positive money in, negative money out.
    public var amountMinor: Int64
    public var currency: String
    public var counterpartyName: String?
    public var counterpartyAccount: String?
    /// The bank's reference for the entry (MT940 bank reference, camt.053 AcctSvcrRef/NtryRef,
    /// a CSV's serial column): what import idempotence keys on, with the account.
    public var reference: String?
    public var description: String

    public init(bookedOn: CalendarDate, valueOn: CalendarDate? = nil, amountMinor: Int64, currency: String, counterpartyName: String? = nil,
                counterpartyAccount: String? = nil, reference: String? = nil, description: String = "") {
        self.bookedOn = bookedOn
        self.valueOn = valueOn
        self.amountMinor = amountMinor
        self.currency = currency
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.reference = reference
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case bookedOn = "booked_on", valueOn = "value_on", amountMinor = "amount_minor", currency
        case counterpartyName = "counterparty_name", counterpartyAccount = "counterparty_account", reference, description
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bookedOn.description, forKey: .bookedOn)
        try c.encode(valueOn?.description, forKey: .valueOn)
        try c.encode(amountMinor, forKey: .amountMinor)
        try c.encode(currency, forKey: .currency)
        try c.encode(counterpartyName, forKey: .counterpartyName)
        try c.encode(counterpartyAccount, forKey: .counterpartyAccount)
        try c.encode(reference, forKey: .reference)
        try c.encode(description, forKey: .description)
    }
}

/// Why a statement cannot be read: the file, the line (or XML element path) and the field.
public struct StatementParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?
    public var reason: String

    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        // A SWIFT tag (`:61:`) already ends in a colon.
        file + (line.map { ":\($0)" } ?? "") + ": " + (field.map { $0.hasSuffix(":") ? "\($0) " : "\($0): " } ?? "") + reason
    }
}
