/// The level of an area in the county's hierarchy (县 → 镇/街道 → 村/居委会 → 村民小组).
public enum AreaLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case county, town, village, group

    public var chineseName: String {
        switch self {
        case .county: "县（市）"
        case .town: "镇（街道）"
        case .village: "村（居）委会"
        case .group: "村（居）民小组"
        }
    }

    public var depth: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.depth < b.depth }
}

/// A statistical division code (12 digits) or a village group's code (village + 3 digits).
///
/// The code alone tells the level, and its significant prefix identifies the whole subtree:
/// county `440882`, town `440882101`, village `440882101201`, group `440882101201001`. That
/// prefix is what access scopes compare, so "is this row inside the user's area" is a
/// string-prefix test in Swift and a `LIKE 'prefix%'` in SQL, never a tree walk.
public struct AreaCode: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let text: String
    public let level: AreaLevel

    public init?(_ raw: String) {
        let text = raw.trimmingSpaces
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        switch text.utf8.count {
        case 15:
            guard !text.hasSuffix("000") else { return nil }
            level = .group
        case 12:
            if text.hasSuffix("000000") { level = .county }
            else if text.hasSuffix("000") { level = .town }
            else { level = .village }
        default:
            return nil
        }
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let code = AreaCode(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an area code: \(raw)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    public var description: String { text }
    public static func < (a: Self, b: Self) -> Bool { a.text < b.text }

    /// The digits every code inside this area starts with.
    public var subtreePrefix: String {
        switch level {
        case .county: String(text.prefix(6))
        case .town: String(text.prefix(9))
        case .village, .group: text
        }
    }

    /// Whether `other` is this area or lies below it.
    public func contains(_ other: AreaCode) -> Bool { other.text.hasPrefix(subtreePrefix) }

    /// The enclosing village of a group (or the village itself); `nil` above village level.
    public var village: AreaCode? {
        switch level {
        case .village: self
        case .group: AreaCode(String(text.prefix(12)))
        default: nil
        }
    }

    /// The enclosing town (or the town itself); `nil` for a county.
    public var town: AreaCode? {
        level == .county ? nil : AreaCode(String(text.prefix(9)) + "000")
    }

    /// The enclosing county (or the county itself).
    public var county: AreaCode? { AreaCode(String(text.prefix(6)) + "000000") }
}

import Foundation
