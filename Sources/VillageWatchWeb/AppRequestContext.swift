import Hummingbird
import NIOCore
import VillageWatchCore

/// The request context of every VillageWatch route: Hummingbird's core storage, the caller's
/// address (for throttling) and the signed-in session, if any.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var remoteAddress: String
    public var session: SessionStore.Session?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        session = nil
    }

    /// The signed-in user, or a redirect to the sign-in page.
    public func principal() throws -> Principal {
        guard let session else { throw SignInRequired() }
        return session.user.principal
    }

    /// The one access check, as routes use it: signed in, allowed, and inside the user's area.
    @discardableResult
    public func require(_ permission: Permission, in area: AreaCode) throws -> Principal {
        let principal = try principal()
        try AccessPolicy.check(principal, permission, in: area)
        return principal
    }
}

/// Thrown by routes that need a signed-in user; turned into a redirect to the sign-in page.
public struct SignInRequired: Error {
    public init() {}
}
