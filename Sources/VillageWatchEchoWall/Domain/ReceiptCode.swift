import Foundation
import VillageWatchCore

/// The code a villager keeps to follow an item without an account: 16 characters from an
/// alphabet without look-alikes (80 random bits), shown in groups of four. Only its hash is
/// stored, so the database alone cannot be used to rate or reopen someone's item.
public enum ReceiptCode {
    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    public static func generate() -> String {
        let characters = Array(random(16))
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The stored form of a code as typed: case, spaces and dashes do not matter.
    public static func hash(_ typed: String) -> String {
        let normalised = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        return FileDigest.sha256(text: "vw-echo-receipt:\(normalised)")
    }

    /// A random token for Open311 clients (`tokens/{token}`).
    public static func token() -> String { random(24).lowercased() }

    /// `count` characters of the alphabet from the system's secure generator (5 bits each).
    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}
