extension String {
    /// Whether `part` occurs in the string, compared as UTF-8 bytes.
    ///
    /// For the whole words and names the screening rules look for, a byte match is a character
    /// match; it avoids the grapheme-by-grapheme comparison of `contains`, which matters over a
    /// county's hundreds of thousands of bank lines and leases.
    public func containsBytes(of part: String) -> Bool {
        var text = self, part = part
        return text.withUTF8 { text in
            part.withUTF8 { part in
                guard part.count <= text.count else { return false }
                guard let first = part.first else { return true }
                return (0...(text.count - part.count)).contains { start in
                    text[start] == first && text[start..<(start + part.count)].elementsEqual(part)
                }
            }
        }
    }
}
