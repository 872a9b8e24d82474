import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A streaming, pull-based CSV reader (RFC 4180 with real-world tolerance).
///
/// The file is read in chunks (1 MiB by default) and never loaded whole. Parsing happens on
/// UTF-8 bytes: UTF-8 input is parsed directly, GB18030 input is converted to UTF-8 chunk by
/// chunk with iconv first. Since all delimiters are ASCII this is safe for both encodings.
///
/// Rules:
/// - comma separator; a field starting with `"` is quoted, `""` inside it is a quote, and it may
///   contain commas and line breaks;
/// - line endings `\n`, `\r\n` or a lone `\r`; a last line without a line break is a record;
/// - completely empty lines are skipped (they still count for line numbers);
/// - fields are not trimmed;
/// - a `"` in the middle of an unquoted field is kept literally, and text between a closing
///   quote and the next delimiter (`"ab"c`) is appended literally;
/// - an unterminated quoted field at the end of the file is an error naming the line where
///   the field's record started.
///
/// The bytes come from a file (`init(url:encoding:)`) or from memory (`init(data:fileName:encoding:)`,
/// for parsers that must not do I/O); both behave identically.
///
/// Not `Sendable`: create and use it from one task.
public final class CSVReader {
    /// The file read; for a reader made from memory, a `memory:` URL naming `fileName` (nothing is opened).
    public let url: URL
    public private(set) var encoding: TextEncoding

    /// Raw bytes read from the file so far (for progress reporting against the file size).
    public private(set) var bytesRead: Int = 0

    static let defaultChunkSize = 1 << 20
    static let detectionSampleSize = 64 << 10

    private let fileName: String
    private let source: ByteSource
    private let chunkSize: Int

    /// UTF-8 bytes to parse: `buffer[pos..<count]` is unparsed.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var pos = 0
    /// Physical line of `buffer[pos]`.
    private var line = 1
    /// No more bytes will be appended to `buffer`.
    private var atEnd = false

    // GB18030 only: raw file bytes waiting for conversion.
    private let decoder: IconvDecoder?
    private var raw: UnsafeMutablePointer<UInt8>?
    private var rawCapacity = 0
    private var rawCount = 0
    private var rawEOF = false
    /// Set when conversion hit bad bytes; thrown once the parser has consumed everything before them.
    private var pendingDecodeError: String?

    // Per-record scratch state, reused to avoid allocations.
    private struct FieldSpan {
        var start: Int
        var end: Int
        /// The bytes are in `scratch` (an unescaped quoted field) rather than in `buffer`.
        var inScratch: Bool
    }
    private var spans: [FieldSpan] = []
    private var scratch: [UInt8] = []

    /// Opens `url`. `encoding` nil = detect: a UTF-8 BOM means UTF-8 (the BOM is stripped);
    /// else if the first 64 KiB are valid UTF-8 (an incomplete multi-byte sequence cut at the
    /// end of that sample counts as valid) it is UTF-8; otherwise GB18030.
    /// Throws `CSVError` with line 0 if the file cannot be opened.
    public convenience init(url: URL, encoding: TextEncoding? = nil) throws {
        try self.init(url: url, encoding: encoding, chunkSize: Self.defaultChunkSize)
    }

    /// Reads the CSV text in `data` (a whole file held in memory); `fileName` names it in errors.
    /// Encoding detection and BOM handling are those of `init(url:encoding:)`. Never throws for
    /// I/O; throws `CSVError` only if GB18030 is needed and iconv lacks it.
    public convenience init(data: Data, fileName: String, encoding: TextEncoding? = nil) throws {
        try self.init(data: data, fileName: fileName, encoding: encoding, chunkSize: Self.defaultChunkSize)
    }

    /// `chunkSize` is the number of file bytes read at a time (tests use tiny values).
    convenience init(url: URL, encoding: TextEncoding?, chunkSize: Int) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        let fileName = url.lastPathComponent
        func openError(_ message: String) -> CSVError {
            CSVError(file: fileName, line: 0, reason: "cannot open file: \(message)")
        }
        guard url.isFileURL else { throw openError("not a file URL") }
        guard let handle = url.withUnsafeFileSystemRepresentation({ path in path.flatMap { fopen($0, "rb") } }) else {
            throw openError(String(cString: strerror(errno)))
        }
        var info = stat()
        if fstat(fileno(handle), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            fclose(handle)
            throw openError("is a directory")
        }
        try self.init(source: ByteSource(file: handle), url: url, fileName: fileName, encoding: encoding, chunkSize: chunkSize)
    }

    /// `chunkSize` is the number of bytes handed to the parser at a time (tests use tiny values).
    convenience init(data: Data, fileName: String, encoding: TextEncoding?, chunkSize: Int) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        var components = URLComponents()
        components.scheme = "memory"
        components.path = fileName
        let url = components.url ?? URL(fileURLWithPath: fileName)
        try self.init(source: ByteSource(data: data), url: url, fileName: fileName, encoding: encoding, chunkSize: chunkSize)
    }

    /// Detects the encoding from the start of `source`, skips a UTF-8 BOM and prepares the buffers.
    /// Takes ownership of `source` (a file handle is closed on failure too).
    private init(source: ByteSource, url: URL, fileName: String, encoding: TextEncoding?, chunkSize: Int) throws {
        self.url = url
        self.fileName = fileName
        self.chunkSize = chunkSize

        func openError(_ message: String) -> CSVError {
            CSVError(file: fileName, line: 0, reason: "cannot open file: \(message)")
        }

        // Look at the start of the input: BOM, and (when detecting) whether it is valid UTF-8.
        let sampleSize = encoding == nil ? Self.detectionSampleSize : 3
        var sample = [UInt8](repeating: 0, count: sampleSize)
        let sampled = sample.withUnsafeMutableBufferPointer { source.read(into: $0.baseAddress!, count: sampleSize) }
        if sampled < sampleSize, let message = source.readError() {
            throw openError(message)
        }
        let hasBOM = sampled >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF
        let resolved: TextEncoding
        if let encoding {
            resolved = encoding
        } else if hasBOM {
            resolved = .utf8
        } else {
            let valid = sample.withUnsafeBufferPointer {
                CSVBytes.firstInvalidUTF8($0.baseAddress!, sampled, allowTruncatedTail: sampled == sampleSize) == nil
            }
            resolved = valid ? .utf8 : .gb18030
        }
        let skip = resolved == .utf8 && hasBOM ? 3 : 0
        if let message = source.rewind(to: skip) {
            throw openError(message)
        }

        if resolved == .gb18030 {
            guard let decoder = IconvDecoder(from: "GB18030") else {
                throw openError("this system's iconv does not support GB18030")
            }
            self.decoder = decoder
            rawCapacity = chunkSize + 16
            raw = .allocate(capacity: rawCapacity)
        } else {
            decoder = nil
        }
        self.source = source
        self.encoding = resolved
        self.bytesRead = skip
        capacity = resolved == .gb18030 ? 2 * chunkSize + 64 : chunkSize + 64
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        raw?.deallocate()
    }

    /// The next record, or nil at the end of the file.
    public func next() throws -> CSVRecord? {
        // Skip completely empty lines.
        while true {
            if pos == count {
                if atEnd { return nil }
                try refill()
                continue
            }
            let b = buffer[pos]
            if b == CSVBytes.lf {
                pos += 1
                line += 1
            } else if b == CSVBytes.cr {
                if pos + 1 < count {
                    pos += buffer[pos + 1] == CSVBytes.lf ? 2 : 1
                    line += 1
                } else if atEnd {
                    pos += 1
                    line += 1
                } else {
                    try refill()
                }
            } else {
                break
            }
        }
        // Move the reusable scratch storage into locals (a swap, not a copy) so that the
        // hot loops do not pay for dynamic exclusivity checks on class properties.
        var spans: [FieldSpan] = []
        var scratch: [UInt8] = []
        swap(&spans, &self.spans)
        swap(&scratch, &self.scratch)
        defer {
            swap(&spans, &self.spans)
            swap(&scratch, &self.scratch)
        }
        while true {
            if let (end, breaks) = try parseRecord(spans: &spans, scratch: &scratch) {
                let fields = try makeFields(recordEnd: end, spans: spans, scratch: scratch)
                let record = CSVRecord(line: line, fields: fields)
                pos = end
                line += breaks
                return record
            }
            try refill()
        }
    }

    // MARK: - Parsing

    private func unterminatedError() -> CSVError {
        CSVError(file: fileName, line: line, reason: "unterminated quoted field (file truncated?)")
    }

    /// Parses the record starting at `pos` into `spans` and `scratch`. Returns the offset just past
    /// the record (including its line break) and the number of line breaks it spans, or nil if
    /// more input is needed to decide.
    private func parseRecord(spans: inout [FieldSpan], scratch: inout [UInt8]) throws -> (end: Int, breaks: Int)? {
        spans.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        // Local constants: cheaper in the hot loops than static properties of another file.
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let p = buffer
        let n = count
        let eof = atEnd
        var i = pos
        var breaks = 0
        while true {
            if i < n && p[i] == quote {
                // Quoted field.
                let scratchStart = scratch.count
                i += 1
                var segment = i
                while true {
                    while i < n {
                        let c = p[i]
                        if c == quote { break }
                        if c == lf {
                            breaks += 1
                        } else if c == cr, !(i + 1 < n && p[i + 1] == lf) {
                            breaks += 1
                        }
                        i += 1
                    }
                    if i == n {
                        if eof { throw unterminatedError() }
                        return nil
                    }
                    // p[i] is a quote: either an escaped quote or the closing one.
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + segment, count: i - segment))
                    if i + 1 == n && !eof { return nil }
                    if i + 1 < n && p[i + 1] == quote {
                        scratch.append(quote)
                        i += 2
                        segment = i
                        continue
                    }
                    i += 1
                    break
                }
                // Tolerance: text between the closing quote and the next delimiter is kept.
                let trail = i
                while i < n {
                    let c = p[i]
                    if c == comma || c == lf || c == cr { break }
                    i += 1
                }
                if i == n && !eof { return nil }
                if i > trail {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + trail, count: i - trail))
                }
                spans.append(FieldSpan(start: scratchStart, end: scratch.count, inScratch: true))
            } else {
                // Unquoted field.
                let start = i
                while i < n {
                    let c = p[i]
                    if c == comma || c == lf || c == cr { break }
                    i += 1
                }
                if i == n && !eof { return nil }
                spans.append(FieldSpan(start: start, end: i, inScratch: false))
            }
            // At a delimiter, or at the end of the file.
            if i == n { return (n, breaks) }
            let c = p[i]
            if c == comma {
                i += 1
                continue
            }
            if c == lf { return (i + 1, breaks + 1) }
            // Carriage return: a CRLF pair or a lone CR.
            if i + 1 < n { return (p[i + 1] == lf ? i + 2 : i + 1, breaks + 1) }
            if !eof { return nil }
            return (i + 1, breaks + 1)
        }
    }

    /// Builds the field strings of the record `buffer[pos..<recordEnd]` from `spans`.
    private func makeFields(recordEnd: Int, spans: [FieldSpan], scratch: [UInt8]) throws -> [String] {
        let p = buffer
        if encoding == .utf8, !CSVBytes.isASCII(p + pos, recordEnd - pos),
           let bad = CSVBytes.firstInvalidUTF8(p + pos, recordEnd - pos) {
            throw CSVError(
                file: fileName, line: line + CSVBytes.lineBreaks(p + pos, bad),
                reason: "invalid UTF-8 byte sequence; try --encoding gb18030")
        }
        // The bytes are valid UTF-8 now (iconv only produces valid UTF-8), so decoding never repairs.
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        scratch.withUnsafeBufferPointer { scratchBytes in
            for span in spans {
                if span.start == span.end {
                    fields.append("")
                } else if span.inScratch {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: scratchBytes[span.start..<span.end]), as: UTF8.self))
                } else {
                    fields.append(String(decoding: UnsafeBufferPointer(start: p + span.start, count: span.end - span.start), as: UTF8.self))
                }
            }
        }
        return fields
    }

    // MARK: - Input

    /// Discards the parsed bytes before `pos`, then appends more UTF-8 bytes to `buffer`.
    /// Sets `atEnd` when the file is exhausted; throws on read and decoding errors.
    private func refill() throws {
        if pos > 0 {
            let keep = count - pos
            if keep > 0 { (buffer).update(from: buffer + pos, count: keep) }
            count = keep
            pos = 0
        }
        if encoding == .gb18030 {
            try refillConverting()
        } else {
            reserve(chunkSize)
            let n = source.read(into: buffer + count, count: chunkSize)
            if n == 0 {
                try checkReadError()
                atEnd = true
            }
            count += n
            bytesRead += n
        }
    }

    /// Makes room for `extra` more bytes in `buffer` (it grows when one record exceeds a chunk).
    private func reserve(_ extra: Int) {
        guard capacity - count < extra else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBuffer.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }

    private func checkReadError() throws {
        if let message = source.readError() {
            throw CSVError(file: fileName, line: line + CSVBytes.lineBreaks(buffer, count),
                           reason: "read error: \(message)")
        }
    }

    /// GB18030: reads and converts until at least one UTF-8 byte was produced or the file ends.
    private func refillConverting() throws {
        guard let raw, let decoder else { return }
        while true {
            if let reason = pendingDecodeError {
                // Everything before the bad bytes is in `buffer[0..<count]` and starts at `line`.
                throw CSVError(file: fileName, line: line + CSVBytes.lineBreaks(buffer, count), reason: reason)
            }
            if !rawEOF && rawCount < rawCapacity {
                let n = source.read(into: raw + rawCount, count: min(chunkSize, rawCapacity - rawCount))
                if n == 0 {
                    try checkReadError()
                    rawEOF = true
                }
                rawCount += n
                bytesRead += n
            }
            if rawCount == 0 {
                atEnd = true
                return
            }
            reserve(2 * chunkSize + 64)
            let result = decoder.convert(input: raw, inputCount: rawCount,
                                         output: buffer + count, outputCapacity: capacity - count)
            count += result.produced
            rawCount -= result.consumed
            if rawCount > 0 && result.consumed > 0 {
                raw.update(from: raw + result.consumed, count: rawCount)
            }
            switch result.status {
            case .complete, .outputFull:
                break
            case .incomplete:
                if rawEOF { pendingDecodeError = "invalid GB18030 byte sequence (file truncated?)" }
            case .invalid:
                pendingDecodeError = "invalid GB18030 byte sequence"
            }
            if result.produced > 0 { return }
        }
    }

    // MARK: - Byte sources

    /// Where the raw bytes come from: an open file (closed when the source goes away) or a buffer in memory.
    private final class ByteSource {
        private let file: UnsafeMutablePointer<FILE>?
        private let data: Data
        private var offset = 0

        init(file: UnsafeMutablePointer<FILE>) {
            self.file = file
            data = Data()
        }

        init(data: Data) {
            file = nil
            self.data = data
        }

        deinit {
            if let file { fclose(file) }
        }

        /// Copies up to `count` bytes to `destination`; 0 at the end (or on a read error, see `readError()`).
        func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
            if let file { return fread(destination, 1, count, file) }
            let n = min(count, data.count - offset)
            guard n > 0 else { return 0 }
            let start = data.startIndex + offset
            data.copyBytes(to: destination, from: start..<(start + n))
            offset += n
            return n
        }

        /// The system's message if the last read failed, nil otherwise.
        func readError() -> String? {
            guard let file, ferror(file) != 0 else { return nil }
            return String(cString: strerror(errno))
        }

        /// Continues reading at byte `position`; the system's message on failure.
        func rewind(to position: Int) -> String? {
            guard let file else {
                offset = min(position, data.count)
                return nil
            }
            return fseek(file, position, SEEK_SET) == 0 ? nil : String(cString: strerror(errno))
        }
    }
}
