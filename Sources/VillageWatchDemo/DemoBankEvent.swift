import VillageWatchCore

/// One transaction of an account before its amount is known: when, and what kind of flow.
/// Amounts are decided in booking order, against the running balance.
struct DemoBankEvent: Sendable {
    enum Kind: Sendable, Equatable {
        case fee, interest, transfer, townTransfer, subsidy, lease, works, office, welfare, pettyCash
        case wage(name: String, position: String)
        case planted(DemoIrregularity.Kind)
        /// A line decided beforehand: a lease's rent or a planted pattern.
        case scripted(DemoScriptedFlow)

        /// Money out that the balance may have to shrink (planted flows keep their amounts).
        var isAdjustableOutflow: Bool {
            switch self {
            case .fee, .works, .office, .welfare, .pettyCash, .wage: true
            default: false
            }
        }
    }

    let day: CalendarDate
    /// Seconds after midnight, China Standard Time.
    let second: Int
    var kind: Kind

    /// `YYYY-MM-DD HH:MM:SS`, as bank-transactions.csv carries it.
    var bookedAt: String {
        day.description + " " + Self.twoDigits(second / 3600) + ":" + Self.twoDigits(second / 60 % 60) + ":" + Self.twoDigits(second % 60)
    }

    /// The bank's serial: the booking date and the account's running number, so that serials
    /// sort in booking order as the continuity check reads them.
    func serial(_ sequence: Int) -> String {
        let digits = String(sequence)
        return day.description.filter(\.isNumber) + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
