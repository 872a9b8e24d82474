import VillageWatchCore

/// What routes of every module need: the database, the clock, page rendering and accounts.
public struct WebServices: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let pages: PageRenderer
    public let users: UserStore
    public let sessions: SessionStore
    public let throttle: LoginThrottle
    /// Set behind TLS so that cookies carry `Secure`.
    public let secureCookies: Bool

    public init(database: Database, clock: any WallClock, pages: PageRenderer, users: UserStore, sessions: SessionStore,
                throttle: LoginThrottle, secureCookies: Bool) {
        self.database = database
        self.clock = clock
        self.pages = pages
        self.users = users
        self.sessions = sessions
        self.throttle = throttle
        self.secureCookies = secureCookies
    }
}
