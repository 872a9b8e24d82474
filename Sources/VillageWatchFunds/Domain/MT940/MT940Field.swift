import Foundation

/// One field of an MT940/MT942 message: `:61:` and the text after it, with its continuation lines.
struct MT940Field: Sendable, Equatable {
    /// The tag without colons: `20`, `61`, `60F`, `NS`.
    var tag: String
    /// The text after `:tag:` on the tag's line, then each continuation line, as written
    /// (control characters removed, blank lines skipped, line ends dropped).
    var lines: [String]
    /// The line (1-based) of the tag.
    var line: Int
    /// The line of the last continuation line (the tag's line when there is none).
    var lastLine: Int

    /// `:61:`, as errors name it.
    var label: String { ":\(tag):" }

    /// The text on the tag's line, with surrounding blanks removed.
    var firstLine: String { (lines.first ?? "").trimmingCharacters(in: .whitespaces) }

    func error(_ reason: String, file: String, line: Int? = nil) -> StatementParseError {
        StatementParseError(file: file, line: line ?? self.line, field: label, reason: reason)
    }
}
