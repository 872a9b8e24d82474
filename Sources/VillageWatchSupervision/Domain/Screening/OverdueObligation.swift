import VillageWatchCore

extension ScreeningWorld {
    /// A periodic publication a village owes and has not made past its deadline, as the
    /// publications module's compliance calendar reports it.
    public struct OverdueObligation: Sendable, Equatable {
        public let villageCode: String
        /// `2026年10月财务公开`: what is owed, for which period, as people read it.
        public let label: String
        public let dueOn: CalendarDate

        public init(villageCode: String, label: String, dueOn: CalendarDate) {
            self.villageCode = villageCode; self.label = label; self.dueOn = dueOn
        }
    }
}
