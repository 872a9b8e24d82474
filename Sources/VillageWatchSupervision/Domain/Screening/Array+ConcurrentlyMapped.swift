import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `transform` over the elements in `chunks` parts on every core (`nil` results dropped),
    /// the results in the elements' order. How the engine spreads its work over the machine's
    /// cores: the payments of a county when linking, the rule families and rules of a screening.
    func concurrentlyMapped<Result: Sendable>(chunks: Int = 8, _ transform: @Sendable (Element) -> Result?) -> [Result] {
        let chunks = Swift.max(chunks, 1), size = (count + chunks - 1) / chunks
        let parts = Mutex([[Result]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = Swift.min(chunk * size, count)..<Swift.min((chunk + 1) * size, count)
            let mapped = self[range].compactMap(transform)
            parts.withLock { $0[chunk] = mapped }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
