extension String {
    /// The text without leading and trailing spaces and tabs: exactly what
    /// `trimmingCharacters(in: .whitespaces)` removes, without
    /// the round trip through `NSString` that made trimming the costliest step of an import.
    /// A value with nothing to trim, the usual case, is returned without copying its bytes.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpaceOrTab }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpaceOrTab })!
        let end = scalars.index(after: last)
        if first == scalars.startIndex, end == scalars.endIndex { return self }
        return String(self[first..<end])
    }
}

extension Unicode.Scalar {
    /// A member of `CharacterSet.whitespaces` as Foundation defines it: tab, the space
    /// separators (category Zs) and, for historical reasons, the zero-width space U+200B.
    var isSpaceOrTab: Bool {
        switch value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
