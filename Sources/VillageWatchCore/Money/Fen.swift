/// An amount of renminbi in fen (分), the only representation of money in VillageWatch.
///
/// Parsing goes straight from the decimal text to an integer, so no floating-point value ever
/// touches an amount: `"1,234.56"`, `"¥1234.5"` and `"-20"` are all accepted.
public struct Fen: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    /// Parses yuan with up to two decimals; `nil` for anything else.
    public init?(yuan raw: String) {
        if let fen = Self.plainFen(raw.utf8) {
            value = fen
            return
        }
        guard let fen = Self.anyFen(raw) else { return nil }
        value = fen
    }

    /// The common spelling — optional minus, up to 15 digits, optionally `.` and one or two
    /// digits, nothing else — straight from the bytes; `nil` sends anything else to `anyFen`.
    private static func plainFen(_ bytes: String.UTF8View) -> Int64? {
        var whole: Int64 = 0, fraction: Int64 = 0, wholeDigits = 0, fractionDigits = 0, negative = false, dot = false
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: ".") where !dot: dot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if dot { fraction = fraction * 10 + digit; fractionDigits += 1 } else { whole = whole * 10 + digit; wholeDigits += 1 }
            default: return nil
            }
        }
        guard (1...15).contains(wholeDigits), fractionDigits <= 2, !dot || fractionDigits > 0 else { return nil }
        let fen = whole * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)
        return negative ? -fen : fen
    }

    /// Every accepted spelling: spaces, `+`, `¥`/`￥`, thousands separators.
    private static func anyFen(_ raw: String) -> Int64? {
        var text = Substring(raw.trimmingSpaces)
        var negative = false
        if text.first == "-" || text.first == "+" { negative = text.first == "-"; text = text.dropFirst() }
        if text.first == "¥" || text.first == "￥" { text = text.dropFirst() }
        if !negative, text.first == "-" { negative = true; text = text.dropFirst() }
        let cleaned = text.filter { $0 != "," }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 15,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        guard let yuan = Int64(whole), let fen = Int64(fraction) else { return nil }
        return (yuan * 100 + fen) * (negative ? -1 : 1)
    }

    /// `1,234.56` — the yuan amount with thousands separators, as shown to people.
    public var yuanText: String {
        let magnitude = value.magnitude
        let yuan = String(magnitude / 100)
        var grouped = ""
        for (i, c) in yuan.reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let fen = magnitude % 100
        return (value < 0 ? "-" : "") + String(grouped.reversed()) + "." + (fen < 10 ? "0" : "") + String(fen)
    }

    /// `-1234.56`: the amount as canonical CSVs carry it, without separators to quote.
    public var plainYuanText: String {
        let magnitude = value.magnitude, fen = magnitude % 100
        return (value < 0 ? "-" : "") + String(magnitude / 100) + "." + (fen < 10 ? "0" : "") + String(fen)
    }

    public var description: String { yuanText }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public static func + (a: Self, b: Self) -> Self { Fen(a.value + b.value) }
}

import Foundation
