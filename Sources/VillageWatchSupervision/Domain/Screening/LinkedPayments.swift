import Dispatch
import Synchronization

/// The benefit rolls linked to the registry, once per screening, and grouped by person.
///
/// Most rows link by their exact ID number; the fuzzy indexes are built only for the names that
/// some row in a village fails to link, so a county's 1.5 million persons are indexed by ID once
/// and by name only where a roll has typos. Linking runs on every core.
struct LinkedPayments: Sendable {
    /// Every payment with a readable period.
    let items: [LinkedPayment]
    /// Indices into `items` per linked person (or unlinked ID number): what the rules that
    /// compare one person's payments (duplicates, shared accounts) walk instead of every row.
    let byPerson: [String: [Int]]

    init(world: ScreeningWorld) {
        let unlinked = world.payments.filter { world.persons[$0.recipientID] == nil }
        let linker = PersonLinker(persons: world.persons, fuzzyNames: Set(unlinked.map { PersonLinker.NameInVillage(name: $0.recipientName, village: $0.villageCode) }))
        items = Self.concurrentlyMapped(world.payments) { payment in
            MonthSpan(payment.period).map { LinkedPayment(payment: payment, span: $0, link: linker.link(id: payment.recipientID, name: payment.recipientName,
                                                                                                          village: payment.villageCode)) }
        }
        var byPerson: [String: [Int]] = [:]
        for (index, item) in items.enumerated() { byPerson[item.id, default: []].append(index) }
        self.byPerson = byPerson
    }

    /// `transform` over `elements` in chunks on every core, results in the elements' order.
    static func concurrentlyMapped<Element: Sendable, Result: Sendable>(_ elements: [Element], chunks: Int = 8,
                                                                       _ transform: @Sendable (Element) -> Result?) -> [Result] {
        let size = (elements.count + chunks - 1) / max(chunks, 1)
        let parts = Mutex([[Result]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = min(chunk * size, elements.count)..<min((chunk + 1) * size, elements.count)
            let mapped = elements[range].compactMap(transform)
            parts.withLock { $0[chunk] = mapped }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
