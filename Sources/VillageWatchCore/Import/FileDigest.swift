import Crypto
import Foundation

/// SHA-256 as lowercase hex: of a file, read in chunks so that a county-sized file never sits in
/// memory, or of bytes and text already in memory.
public enum FileDigest {
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }
    public static func sha256(text: String) -> String { sha256(Data(text.utf8)) }
    public static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    public static func sha256(of url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw CSVError(file: url.lastPathComponent, line: 0, reason: "cannot open file: \(url.path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }
}
