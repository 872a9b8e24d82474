import Foundation

/// What the tokenizer finds in an MT940 file: a field, or the end of a message (`-`, `-}`).
enum MT940Token: Sendable, Equatable {
    case field(MT940Field)
    case endOfMessage(line: Int)
}
