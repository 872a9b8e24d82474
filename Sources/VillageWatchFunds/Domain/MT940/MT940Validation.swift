import Foundation

/// How much an MT940/MT942 file must prove about itself beyond being well formed.
///
/// Both levels reject what cannot be read: an unparsable amount or date, a `:61:` after the
/// statement's closing balance, a `{4:` message block that the file ends inside (truncated).
public enum MT940Validation: Sendable, Equatable {
    /// What an import must use: every statement names its account (`:25:`); every MT940
    /// statement has an opening balance (`:60F:`/`:60M:`) and a closing balance
    /// (`:62F:`/`:62M:`), a missing closing balance counting as a truncated file, and the
    /// opening balance plus the entries equals the closing balance. An MT942 interim report
    /// (no balances; `:13D:`, `:34F:`, `:90D:`/`:90C:`) must agree with its own `:90D:`/`:90C:`
    /// counts and sums.
    case strict
    /// The default of `MT940Parser.parse(_:fileName:)`: reads whatever is well formed and checks
    /// no arithmetic; statements without an account or balances, or whose balances do not add
    /// up, are returned as the bank wrote them. For showing a file (`bank parse`) and for
    /// upstream's fixtures, hand-edited fragments that the reference implementation accepts
    /// although 8 of 19 do not add up (see `MT940ParserTests`).
    case lenient
}
