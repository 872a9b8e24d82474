import VillageWatchCore

/// A bank line decided before the account's book is written — a lease's rent, or a planted
/// pattern — with the case it shows, if any, so the case can name the transaction's serial.
struct DemoScriptedFlow: Sendable, Equatable {
    let day: CalendarDate
    let flow: DemoFlow
    /// The case this line shows; an empty subject is filled with the line's serial when written.
    let shows: DemoCase?

    init(day: CalendarDate, flow: DemoFlow, shows: DemoCase? = nil) {
        self.day = day
        self.flow = flow
        self.shows = shows
    }
}
