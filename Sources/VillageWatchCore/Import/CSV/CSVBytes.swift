/// Byte-level helpers shared by `CSVReader` (ASCII fast path, UTF-8 validation, line counting).
enum CSVBytes {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22

    /// True if all `count` bytes at `p` are below 0x80. Checks eight bytes at a time.
    static func isASCII(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= count {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        var tail: UInt8 = 0
        while i < count {
            tail |= p[i]
            i += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0 && tail & 0x80 == 0
    }

    /// Offset of the first byte that does not start a valid UTF-8 sequence, or `nil` if all
    /// `count` bytes are valid. With `allowTruncatedTail`, a sequence that is a valid prefix
    /// but is cut off by the end of the range counts as valid.
    static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, _ count: Int, allowTruncatedTail: Bool = false) -> Int? {
        var i = 0
        while i < count {
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF   // allowed range of the second byte
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; hi = 0x9F
            case 0xF0: length = 4; lo = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; hi = 0x8F
            default: return i
            }
            for k in 1..<length {
                if i + k >= count {
                    return allowTruncatedTail ? nil : i
                }
                let b = p[i + k]
                if k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF) {
                    return i
                }
            }
            i += length
        }
        return nil
    }

    /// Number of line breaks (`\n`, `\r\n` or a lone `\r`) in the `count` bytes at `p`.
    /// A `\r` in the last position counts as a break.
    static func lineBreaks(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var n = 0
        var i = 0
        while i < count {
            let b = p[i]
            if b == lf {
                n += 1
            } else if b == cr, !(i + 1 < count && p[i + 1] == lf) {
                n += 1
            }
            i += 1
        }
        return n
    }
}
