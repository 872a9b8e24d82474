/// PostgreSQL's text form of rows (`record_out`), read field by field without copying.
///
/// A bulk read on PostgreSQL asks the server for its rows as text, thousands of records joined by
/// newlines in one value: `(a,"b c",,"")`. Streamed one protocol message per row, PostgresNIO's
/// per-row handling cost more than the screening's rules on two cores; one message per thousands
/// of rows leaves only this parse.
///
/// The format: fields separated by commas between parentheses; a NULL field is empty; a field that
/// is empty or holds a quote, backslash, parenthesis, comma or white space is quoted, with quotes
/// and backslashes inside doubled.
struct RecordText {
    /// A field's bytes in the chunk; `start < 0` for NULL.
    struct Field {
        var start: Int
        var end: Int
        /// Quoted with doubled quotes or backslashes inside, so the bytes need unescaping.
        var doubled: Bool

        static let null = Field(start: -1, end: -1, doubled: false)
    }

    enum Problem: Error, CustomStringConvertible {
        case malformed(offset: Int)
        case noSuchField(Int, count: Int)

        var description: String {
            switch self {
            case .malformed(let offset): "malformed record text at byte \(offset)"
            case .noSuchField(let index, let count): "no field \(index) in a record of \(count)"
            }
        }
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var fields: [Field] = []
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Moves to the next record; `false` at the end of the chunk.
    mutating func next() throws -> Bool {
        if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
        guard position < bytes.count else { return false }
        guard bytes[position] == UInt8(ascii: "(") else { throw Problem.malformed(offset: position) }
        position += 1
        fields.removeAll(keepingCapacity: true)
        while true {
            fields.append(try parseField())
            guard position < bytes.count else { throw Problem.malformed(offset: position) }
            let separator = bytes[position]
            position += 1
            if separator == UInt8(ascii: ")") { return true }
            guard separator == UInt8(ascii: ",") else { throw Problem.malformed(offset: position - 1) }
        }
    }

    private mutating func parseField() throws -> Field {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: ")") { position += 1 }
            return start == position ? .null : Field(start: start, end: position, doubled: false)
        }
        position += 1
        let start = position
        var doubled = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count, bytes[position + 1] == byte else {
                    guard byte == UInt8(ascii: "\"") else { throw Problem.malformed(offset: position) }
                    position += 1
                    return Field(start: start, end: position - 1, doubled: doubled)
                }
                doubled = true
                position += 2
            } else {
                position += 1
            }
        }
        throw Problem.malformed(offset: start - 1)
    }

    private func field(_ index: Int) throws -> Field {
        guard fields.indices.contains(index) else { throw Problem.noSuchField(index, count: fields.count) }
        return fields[index]
    }

    /// The field's text, `nil` for NULL.
    func text(_ index: Int) throws -> String? {
        let field = try self.field(index)
        guard field.start >= 0 else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.doubled else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var skip = false
        for byte in raw {
            if skip { skip = false; continue }
            unescaped.append(byte)
            skip = byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The field as a decimal integer, `nil` for NULL; throws when it is not one.
    func integer(_ index: Int) throws -> Int64? {
        let field = try self.field(index)
        guard field.start >= 0 else { return nil }
        var offset = field.start
        let negative = bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        guard offset < field.end, !field.doubled else { throw Problem.malformed(offset: field.start) }
        var value: Int64 = 0
        while offset < field.end {
            let digit = bytes[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { throw Problem.malformed(offset: offset) }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(negative ? -Int64(digit) : Int64(digit))
            guard !overflow, !overflow2 else { throw Problem.malformed(offset: field.start) }
            value = sum
            offset += 1
        }
        return value
    }
}
