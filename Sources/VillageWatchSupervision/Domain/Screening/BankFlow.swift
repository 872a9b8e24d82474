import Foundation
import VillageWatchCore

extension ScreeningWorld {
    /// One line of a collective account's bank statement, with the village the account belongs
    /// to (the first 12 digits of its area), as the bank rules and the rent check read it.
    /// A class for the same reason as `Person`.
    public final class BankFlow: Sendable {
        public let accountNumber: String, villageCode: String, transactionID: String
        public let bookedOn: CalendarDate
        /// Signed: + money in, − money out.
        public let amountFen: Int64
        public let counterpartyName: String?, channel: String?, summary: String?, purpose: String?
        /// The counterparty's name without surrounding spaces; `nil` when the bank gave none,
        /// so that nameless lines never group together or match a person.
        public let counterparty: String?
        /// `YYYY-MM`, the month a finance publication covers.
        public let month: String

        public init(accountNumber: String, villageCode: String, transactionID: String, bookedOn: CalendarDate, amountFen: Int64,
                    counterpartyName: String? = nil, channel: String? = nil, summary: String? = nil, purpose: String? = nil) {
            self.accountNumber = accountNumber; self.villageCode = villageCode; self.transactionID = transactionID
            self.bookedOn = bookedOn; self.amountFen = amountFen; self.counterpartyName = counterpartyName
            self.channel = channel; self.summary = summary; self.purpose = purpose
            // Stored, not computed: the rules ask for these of every line, several times.
            let name = counterpartyName?.trimmingCharacters(in: .whitespaces) ?? ""
            counterparty = name.isEmpty ? nil : name
            month = String(bookedOn.description.prefix(7))
        }

        public var isOut: Bool { amountFen < 0 }
        /// The size of money out, positive; 0 for money in.
        public var outFen: Int64 { isOut ? -amountFen : 0 }
        /// Whether the clerk's 摘要 or 用途 mentions any of `words`: the only place a line says
        /// what it was for.
        public func mentions(_ words: [String]) -> Bool {
            words.contains { word in summary?.containsBytes(of: word) == true || purpose?.containsBytes(of: word) == true }
        }

        /// Cash out: by the channel the bank recorded, or by what the clerk wrote when the bank
        /// booked the withdrawal as an ordinary debit.
        public var isCashWithdrawal: Bool {
            let channel = (channel ?? "").uppercased()
            return ["现金", "取现", "ATM"].contains { channel.containsBytes(of: $0) } || mentions(["取现", "现金支取", "提现"])
        }

        static func chronological(_ a: BankFlow, _ b: BankFlow) -> Bool {
            (a.bookedOn, a.accountNumber, a.transactionID) < (b.bookedOn, b.accountNumber, b.transactionID)
        }
    }
}
