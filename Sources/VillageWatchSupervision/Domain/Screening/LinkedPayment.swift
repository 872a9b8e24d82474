/// A payment with its period and the registry person it was linked to (if any).
///
/// A class: the rules pass millions of these through filters and groupings, and a reference is
/// one retain where the payment's dozen strings would be a dozen.
final class LinkedPayment: Sendable {
    let payment: ScreeningWorld.Payment
    let span: MonthSpan
    let link: PersonLinker.Link?
    /// The linked person's ID number, or the row's own when it links to no one.
    let id: String
    /// The linked person's household, or the ID number itself (`id:…`) for someone not in the registry.
    var household: String { link?.person.householdID ?? "id:" + id }

    init(payment: ScreeningWorld.Payment, span: MonthSpan, link: PersonLinker.Link?) {
        self.payment = payment
        self.span = span
        self.link = link
        id = link?.person.id ?? payment.recipientID
    }
}
