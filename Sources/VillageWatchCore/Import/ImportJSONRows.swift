import SQLKit

/// A batch of rows sent as one bound JSON text and unpacked by the database itself
/// (`json_each` on SQLite, `jsonb_array_elements` on PostgreSQL).
///
/// Binding every value on its own — 500 rows of 14 columns, 7,000 parameters a statement —
/// cost more in SQLKit's serialisation, the drivers' value encoding and SQLite's statement
/// preparation than the inserts themselves. One parameter and a short statement give the same
/// stored values: text stays text, integers are JSON numbers read back as integers (cast to
/// BIGINT on PostgreSQL, whose `->>` returns text), NULL is JSON null.
///
/// PostgreSQL gets `jsonb`, not `json`: `json` is kept as text, so each `e ->> i` re-parses the
/// row's array up to element i and a 14-column row is parsed 14 times; `jsonb` is parsed once
/// into a binary form indexed in constant time, which made the JSON unpacking of 1,000,000
/// bank transactions about 7 s faster (a third of the whole PostgreSQL load).
struct ImportJSONRows {
    let engine: Database.Engine

    /// `INSERT INTO table (columns…, extra…) SELECT … FROM <the rows>`; `extra` are constant
    /// trailing values (the run's `import_id`).
    func insert(into table: String, columns: [StoredColumn], rows: [[StoredValue]], extra: [(name: String, value: Int64)] = []) -> SQLQueryString {
        let names = columns.map(\.name) + extra.map(\.name)
        let values = selectList(columns) + extra.map { ", " + String($0.value) }.joined()
        return "INSERT INTO \(ident: table) (\(idents: names, joinedBy: ", ")) SELECT \(unsafeRaw: values) FROM " + source(rows)
    }

    /// `(k1, k2) IN (SELECT … FROM <the keys>)`: row-value membership in the batch's keys.
    func membership(of columns: [StoredColumn], in keys: [[StoredValue]]) -> SQLQueryString {
        "(\(idents: columns.map(\.name), joinedBy: ", ")) IN (SELECT \(unsafeRaw: selectList(columns)) FROM " + source(keys) + ")"
    }

    private func selectList(_ columns: [StoredColumn]) -> String {
        columns.enumerated().map { index, column in
            switch engine {
            case .sqlite: "value ->> \(index)"
            case .postgres: column.kind == .integer ? "(e ->> \(index))::bigint" : "e ->> \(index)"
            }
        }.joined(separator: ", ")
    }

    private func source(_ rows: [[StoredValue]]) -> SQLQueryString {
        switch engine {
        case .sqlite: "json_each(\(bind: Self.json(rows)))"
        case .postgres: "jsonb_array_elements(\(bind: Self.json(rows))::jsonb) AS e"
        }
    }

    /// `[[…],[…]]`: text escaped as RFC 8259 requires, integers as numbers, NULL as null.
    static func json(_ rows: [[StoredValue]]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(rows.count * 128)
        for (r, row) in rows.enumerated() {
            bytes.append(contentsOf: r == 0 ? [UInt8(ascii: "[")] : [UInt8(ascii: ","), UInt8(ascii: "[")])
            for (v, value) in row.enumerated() {
                if v > 0 { bytes.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let text): appendString(text, to: &bytes)
                case .integer(let number): bytes.append(contentsOf: String(number).utf8)
                case .null: bytes.append(contentsOf: "null".utf8)
                }
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0..<0x20: bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
