/// A resident identity number as GB 11643-1999 defines it.
///
/// Registries are full of typos, so an invalid number is *kept* together with the reason it
/// failed (`problem`); it is never silently "fixed". The only rewrites are the two the standard
/// allows: a lower-case check character `x` becomes `X`, and a 15-digit number of the 1989
/// standard is upgraded to 18 digits (insert `19` before the year, append the check character).
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    /// Why a number failed validation.
    public enum Problem: String, Sendable, Hashable {
        case length, format, birthDate = "birth-date", checksum
    }

    /// The normalized text (upper-case, 15-digit numbers upgraded) or, when the format is
    /// unusable, the trimmed input.
    public let text: String
    /// `nil` when the number is valid.
    public let problem: Problem?

    public var isValid: Bool { problem == nil }
    public var description: String { text }

    public init(_ raw: String) {
        let trimmed = raw.trimmingSpaces.uppercased()
        var digits = Array(trimmed.utf8)
        if digits.count == 15, digits.allSatisfy(Self.isDigit) {
            digits = Array("19".utf8).withUnsafeBufferPointer { century in
                Array(digits[0..<6]) + century + Array(digits[6...])
            }
            digits.append(Self.checkCharacter(for: digits))
        }
        text = String(decoding: digits, as: UTF8.self)
        problem = Self.validate(digits)
    }

    /// The 8-digit birth date as `YYYY-MM-DD`, when it is a real calendar date.
    public var birthDate: String? {
        guard problem != .length, problem != .format, problem != .birthDate else { return nil }
        let d = Array(text)
        return "\(String(d[6..<10]))-\(String(d[10..<12]))-\(String(d[12..<14]))"
    }

    /// "male" for an odd sequence code, "female" for an even one (GB 11643 §4.3).
    public var sexBySequence: String? {
        guard text.utf8.count == 18, let digit = Array(text.utf8)[16] as UInt8?, Self.isDigit(digit) else { return nil }
        return (digit - 48) % 2 == 1 ? "male" : "female"
    }

    /// ISO 7064 MOD 11-2 check character over the first 17 digits.
    public static func checkCharacter(for first17: [UInt8]) -> UInt8 {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for i in 0..<17 { sum += Int(first17[i] - 48) * weights[i] }
        let value = (12 - sum % 11) % 11
        return value == 10 ? UInt8(ascii: "X") : UInt8(48 + value)
    }

    /// Builds a valid 18-character number from its parts (used by the demo generator and tests).
    public static func make(address: String, birth: String, sequence: Int) -> String {
        let body = address + birth + String(format: "%03d", sequence)
        let bytes = Array(body.utf8)
        return body + String(UnicodeScalar(checkCharacter(for: bytes)))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func validate(_ d: [UInt8]) -> Problem? {
        guard d.count == 18 else { return .length }
        guard d[0..<17].allSatisfy(isDigit), isDigit(d[17]) || d[17] == UInt8(ascii: "X") else { return .format }
        guard isCalendarDate(Array(d[6..<14])) else { return .birthDate }
        return checkCharacter(for: d) == d[17] ? nil : .checksum
    }

    private static func isCalendarDate(_ d: [UInt8]) -> Bool {
        let n = d.map { Int($0 - 48) }
        let year = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3]
        let month = n[4] * 10 + n[5], day = n[6] * 10 + n[7]
        guard (1800...2100).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= CalendarDate.daysIn(month: month, year: year)
    }
}

import Foundation
