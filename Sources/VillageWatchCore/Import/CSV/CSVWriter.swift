import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes CSV files: UTF-8 without BOM, `\n` line endings, RFC 4180 quoting.
///
/// Not `Sendable`: create and use it from one task. Call `close()` to flush and detect write
/// errors; a writer that is not closed explicitly closes its file when it is deallocated.
public final class CSVWriter {
    private let fileName: String
    private var file: UnsafeMutablePointer<FILE>?
    /// Number of lines written so far (for error messages).
    private var linesWritten = 0

    /// Creates or truncates the file at `url`.
    public init(url: URL) throws {
        fileName = url.lastPathComponent
        guard url.isFileURL else {
            throw CSVError(file: fileName, line: 0, reason: "cannot create file: not a file URL")
        }
        guard let handle = url.withUnsafeFileSystemRepresentation({ path in path.flatMap { fopen($0, "wb") } }) else {
            throw CSVError(file: fileName, line: 0, reason: "cannot create file: \(String(cString: strerror(errno)))")
        }
        file = handle
    }

    deinit {
        if let file { fclose(file) }
    }

    /// Writes one record followed by `\n`.
    public func write(_ fields: [String]) throws {
        guard let file else {
            throw CSVError(file: fileName, line: linesWritten + 1, reason: "cannot write: writer is closed")
        }
        var bytes = Self.encode(fields)
        bytes.append(0x0A)
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        linesWritten += 1
        if written != bytes.count {
            throw CSVError(file: fileName, line: linesWritten, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes and closes the file. Closing twice is harmless.
    public func close() throws {
        guard let file else { return }
        self.file = nil
        if fclose(file) != 0 {
            throw CSVError(file: fileName, line: linesWritten, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// One CSV line without the trailing newline, for in-memory CSV (downloads).
    ///
    /// A field is quoted iff it contains `,`, `"`, `\r` or `\n`; quotes inside are doubled.
    /// Exception: a record made of a single empty field is written as `""`, because an empty
    /// line would be skipped when read back.
    public static func line(_ fields: [String]) -> String {
        String(decoding: encode(fields), as: UTF8.self)
    }

    private static func encode(_ fields: [String]) -> [UInt8] {
        if fields.count == 1 && fields[0].isEmpty { return [0x22, 0x22] }
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count + 2 })
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(0x2C) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) {
                out.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { out.append(0x22) }
                    out.append(byte)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: utf8)
            }
        }
        return out
    }
}
