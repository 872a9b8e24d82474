import Dispatch

/// Lets go of a large value on a background thread. A county's world and preparation are
/// millions of small objects; freeing them takes a second or two that the screening's caller
/// need not wait for.
func releaseInBackground<T: Sendable>(_ value: consuming T) {
    let value = value
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
}
