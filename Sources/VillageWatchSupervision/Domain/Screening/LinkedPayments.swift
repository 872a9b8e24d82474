/// The benefit rolls linked to the registry, once per screening, and grouped by person.
///
/// Rows are linked by their exact ID number on every core; the fuzzy indexes are then built only
/// for the names of the rows that did not link, so a county's 1.5 million persons are indexed by
/// ID once and by name only where a roll has typos.
struct LinkedPayments: Sendable {
    /// Every payment with a readable period.
    let items: [LinkedPayment]
    /// Person number of each linked person (or unlinked ID number).
    let personNumbers: [String: Int]
    /// Person `p`'s payments are `order[starts[p]..<starts[p + 1]]`, indices into `items`: flat
    /// arrays, since a county has a million recipients and an array each would be a million
    /// allocations. The rules that compare one person's payments walk these.
    let starts: [Int]
    let order: [Int]

    var personCount: Int { starts.count - 1 }

    func payments(ofPerson number: Int) -> ArraySlice<Int> { order[starts[number]..<starts[number + 1]] }

    init(world: ScreeningWorld) {
        var items = world.payments.concurrentlyMapped { payment in
            MonthSpan(payment.period).map { LinkedPayment(payment: payment, span: $0, link: world.persons[payment.recipientID].map { .init(person: $0, basis: .idNumber) }) }
        }
        let misses = items.indices.filter { items[$0].link == nil }
        let linker = PersonLinker(persons: world.persons, fuzzyNames: Set(misses.map { items[$0].payment.nameInVillage }))
        for index in misses {
            let item = items[index], payment = item.payment
            if let link = linker.link(id: payment.recipientID, name: payment.recipientName, village: payment.villageCode) {
                items[index] = LinkedPayment(payment: payment, span: item.span, link: link)
            }
        }
        self.items = items
        (personNumbers, starts, order) = Self.grouped(items)
    }

    /// A counting sort of the payments by person.
    static func grouped(_ items: [LinkedPayment]) -> ([String: Int], [Int], [Int]) {
        var numbers: [String: Int] = [:], personOf = [Int](repeating: 0, count: items.count)
        for (index, item) in items.enumerated() {
            let number = numbers[item.id, default: numbers.count]
            if number == numbers.count { numbers[item.id] = number }
            personOf[index] = number
        }
        var starts = [Int](repeating: 0, count: numbers.count + 1)
        for number in personOf { starts[number + 1] += 1 }
        for number in 1..<starts.count { starts[number] += starts[number - 1] }
        var next = starts, order = [Int](repeating: 0, count: items.count)
        for (index, number) in personOf.enumerated() {
            order[next[number]] = index
            next[number] += 1
        }
        return (numbers, starts, order)
    }
}

private extension ScreeningWorld.Payment {
    var nameInVillage: PersonLinker.NameInVillage { .init(name: recipientName, village: villageCode) }
}
