import Foundation
import VillageWatchCore

/// Reads an amount cell of a bank export: yuan with up to two decimals, thousands separators,
/// an optional sign (`+10000.00`), `¥`/`￥`, a trailing `元`, and an ISO currency code before or after
/// the number (`CNY 123.18`, `CNY13.50`, `1,234.00 USD`). The number goes through `Fen(yuan:)`, so
/// no floating-point value ever touches it.
enum BankAmountText {
    struct Reading: Sendable, Equatable {
        var minor: Int64
        /// The ISO code written in the cell, if any.
        var currency: String?
    }

    /// nil if the cell is not an amount.
    static func read(_ raw: String) -> Reading? {
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        var currency: String?
        // A leading code: three capital letters, then the number (after optional spaces).
        if text.count > 3, text.prefix(3).allSatisfy({ $0.isASCII && $0.isUppercase }) {
            currency = String(text.prefix(3))
            text = text.dropFirst(3).drop(while: { $0 == " " })
        } else if text.count > 3, text.suffix(3).allSatisfy({ $0.isASCII && $0.isUppercase }) {
            currency = String(text.suffix(3))
            text = text.dropLast(3)
            while text.last == " " { text = text.dropLast() }
        }
        if text.hasSuffix("元") { text = text.dropLast() }
        // Fen(yuan:) takes the sign and ¥/￥ itself; it refuses anything else that is not a digit, `,` or `.`.
        let body = String(text)
        guard !body.isEmpty, let fen = Fen(yuan: body) else { return nil }
        return Reading(minor: fen.value, currency: currency)
    }
}
