import Foundation
import Testing
@testable import VillageWatchCore

/// Tests for `CSVReader`, `CSVWriter` and `TextEncoding`.
@Suite struct CSVReaderTests {
    // GB18030 bytes, checked with `printf '陈' | iconv -f UTF-8 -t GB18030 | xxd`.
    static let gbChen: [UInt8] = [0xB3, 0xC2]                  // 陈
    static let gbLeizhou: [UInt8] = [0xC0, 0xD7, 0xD6, 0xDD]   // 雷州

    /// Chunk sizes small enough to split fields, line breaks and multibyte characters.
    static let chunkSizes = [1, 2, 3, 5, 7, 1 << 20]

    // MARK: Helpers

    private func tempFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("villagewatch-csv-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    private func tempFile(_ name: String, _ text: String) throws -> URL {
        try tempFile(name, Array(text.utf8))
    }

    private func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    private func readAll(_ url: URL, encoding: TextEncoding? = nil, chunkSize: Int = 1 << 20) throws -> [CSVRecord] {
        let reader = try CSVReader(url: url, encoding: encoding, chunkSize: chunkSize)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The `CSVError` thrown while reading the whole file, or nil if none.
    private func readError(_ url: URL, encoding: TextEncoding? = nil, chunkSize: Int = 1 << 20) -> CSVError? {
        do {
            _ = try readAll(url, encoding: encoding, chunkSize: chunkSize)
            return nil
        } catch {
            return error as? CSVError
        }
    }

    // MARK: Encoding names

    @Test func encodingNames() {
        #expect(TextEncoding(name: "utf-8") == .utf8)
        #expect(TextEncoding(name: "UTF8") == .utf8)
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "gb2312") == .gb18030)
        #expect(TextEncoding(name: "GB18030") == .gb18030)
        #expect(TextEncoding(name: "latin1") == nil)
        #expect(TextEncoding.utf8.rawValue == "utf-8")
        #expect(TextEncoding.gb18030.rawValue == "gb18030")
    }

    @Test func errorDescription() {
        let error = CSVError(file: "people.csv", line: 3, reason: "unterminated quoted field (file truncated?)")
        #expect(error.description == "people.csv:3: unterminated quoted field (file truncated?)")
    }

    // MARK: Basic parsing

    @Test(arguments: chunkSizes)
    func plainUTF8WithoutBOM(chunkSize: Int) throws {
        let url = try tempFile("plain.csv", "name,age\n张三,30\nli,4\n")
        defer { cleanUp(url) }
        let reader = try CSVReader(url: url, encoding: nil, chunkSize: chunkSize)
        #expect(reader.encoding == .utf8)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == [
            CSVRecord(line: 1, fields: ["name", "age"]),
            CSVRecord(line: 2, fields: ["张三", "30"]),
            CSVRecord(line: 3, fields: ["li", "4"]),
        ])
        #expect(reader.bytesRead == "name,age\n张三,30\nli,4\n".utf8.count)
    }

    @Test(arguments: chunkSizes)
    func bomIsStrippedAndCRLFHandled(chunkSize: Int) throws {
        let url = try tempFile("bom.csv", [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8))
        defer { cleanUp(url) }
        let reader = try CSVReader(url: url, encoding: nil, chunkSize: chunkSize)
        #expect(reader.encoding == .utf8)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", "2"])])
        #expect(reader.bytesRead == 13)
        // An explicit UTF-8 encoding strips the BOM too.
        #expect(try readAll(url, encoding: .utf8, chunkSize: chunkSize).first?.fields == ["a", "b"])
    }

    @Test(arguments: chunkSizes)
    func loneCREmptyLinesAndMissingFinalNewline(chunkSize: Int) throws {
        let url = try tempFile("cr.csv", "a,b\r\r\n\n1,2\r3,4")
        defer { cleanUp(url) }
        #expect(try readAll(url, chunkSize: chunkSize) == [
            CSVRecord(line: 1, fields: ["a", "b"]),
            CSVRecord(line: 4, fields: ["1", "2"]),
            CSVRecord(line: 5, fields: ["3", "4"]),
        ])
    }

    @Test func emptyFiles() throws {
        for (name, bytes) in [("empty.csv", [UInt8]()), ("bom-only.csv", [0xEF, 0xBB, 0xBF]), ("blank.csv", Array("\n\r\n\r".utf8))] {
            let url = try tempFile(name, bytes)
            defer { cleanUp(url) }
            #expect(try readAll(url).isEmpty, "\(name)")
        }
    }

    // MARK: Quoting

    @Test(arguments: chunkSizes)
    func quotedFieldsAndLineNumbers(chunkSize: Int) throws {
        let text = "h1,h2,h3\n"
            + "\"a,b\",\"say \"\"hi\"\"\",\"multi\nline\r\nfield\"\n"   // lines 2-4
            + "\n"                                                       // line 5, skipped
            + " x ,\"\",\n"                                              // line 6
            + "\"ab\"c,d\"e,\"\"\"\"\n"                                  // line 7
            + "\"last\""                                                 // line 8
        let url = try tempFile("quoted.csv", text)
        defer { cleanUp(url) }
        #expect(try readAll(url, chunkSize: chunkSize) == [
            CSVRecord(line: 1, fields: ["h1", "h2", "h3"]),
            CSVRecord(line: 2, fields: ["a,b", "say \"hi\"", "multi\nline\r\nfield"]),
            CSVRecord(line: 6, fields: [" x ", "", ""]),
            CSVRecord(line: 7, fields: ["abc", "d\"e", "\""]),
            CSVRecord(line: 8, fields: ["last"]),
        ])
    }

    @Test(arguments: chunkSizes)
    func unterminatedQuoteNamesStartingLine(chunkSize: Int) throws {
        let url = try tempFile("truncated.csv", "a,b\n1,2\n3,\"abc\ndef\n")
        defer { cleanUp(url) }
        #expect(throws: CSVError(file: "truncated.csv", line: 3, reason: "unterminated quoted field (file truncated?)")) {
            _ = try readAll(url, chunkSize: chunkSize)
        }
    }

    // MARK: Encodings

    /// `name,town` / `陈,雷州` / `"陈<LF>陈",x` in GB18030.
    static let gbFile: [UInt8] = Array("name,town\n".utf8) + gbChen + Array(",".utf8) + gbLeizhou
        + Array("\n\"".utf8) + gbChen + [0x0A] + gbChen + Array("\",x\n".utf8)

    @Test(arguments: chunkSizes)
    func gb18030IsDetectedAndDecoded(chunkSize: Int) throws {
        // Chunk sizes 1, 3, 5 and 7 split two-byte GB18030 characters across reads.
        let url = try tempFile("gb.csv", Self.gbFile)
        defer { cleanUp(url) }
        let reader = try CSVReader(url: url, encoding: nil, chunkSize: chunkSize)
        #expect(reader.encoding == .gb18030)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == [
            CSVRecord(line: 1, fields: ["name", "town"]),
            CSVRecord(line: 2, fields: ["陈", "雷州"]),
            CSVRecord(line: 3, fields: ["陈\n陈", "x"]),
        ])
        #expect(reader.bytesRead == Self.gbFile.count)
        #expect(try readAll(url, encoding: .gb18030, chunkSize: chunkSize) == records)
    }

    @Test(arguments: chunkSizes)
    func explicitUTF8OnGBBytesNamesLine(chunkSize: Int) throws {
        let url = try tempFile("gb.csv", Self.gbFile)
        defer { cleanUp(url) }
        #expect(readError(url, encoding: .utf8, chunkSize: chunkSize)
            == CSVError(file: "gb.csv", line: 2, reason: "invalid UTF-8 byte sequence; try --encoding gb18030"))
    }

    @Test(arguments: chunkSizes)
    func invalidUTF8InsideMultiLineFieldNamesPhysicalLine(chunkSize: Int) throws {
        let url = try tempFile("bad.csv", Array("a\n\"x\ny\n".utf8) + [0xFF] + Array("\"\n".utf8))
        defer { cleanUp(url) }
        #expect(readError(url, encoding: .utf8, chunkSize: chunkSize)?.line == 4)
    }

    @Test(arguments: chunkSizes)
    func invalidGB18030NamesLineAfterEarlierRecords(chunkSize: Int) throws {
        let url = try tempFile("badgb.csv", Array("a\nb\n".utf8) + Self.gbChen + [0x0A, 0x80, 0x0A])
        defer { cleanUp(url) }
        let reader = try CSVReader(url: url, encoding: .gb18030, chunkSize: chunkSize)
        var records: [CSVRecord] = []
        #expect(throws: CSVError(file: "badgb.csv", line: 4, reason: "invalid GB18030 byte sequence")) {
            while let record = try reader.next() { records.append(record) }
        }
        #expect(records.map(\.fields) == [["a"], ["b"], ["陈"]])
    }

    @Test func truncatedGB18030CharacterIsAnError() throws {
        let url = try tempFile("truncgb.csv", Array("a\nb\n".utf8) + [0xB3])
        defer { cleanUp(url) }
        let error = try #require(readError(url, encoding: .gb18030, chunkSize: 1))
        #expect(error.line == 3)
        #expect(error.reason.hasPrefix("invalid GB18030 byte sequence"))
    }

    @Test func detectionAcceptsUTF8CutAtSampleEnd() throws {
        // "雷" (3 bytes) straddles the 64 KiB detection sample boundary.
        var bytes = [UInt8](repeating: 0x61, count: 65_535) + Array("雷\n".utf8)
        let url = try tempFile("cut.csv", bytes)
        defer { cleanUp(url) }
        let reader = try CSVReader(url: url)
        #expect(reader.encoding == .utf8)
        let record = try #require(try reader.next())
        #expect(record.fields[0].hasSuffix("雷"))

        bytes[10] = Self.gbChen[0]
        bytes[11] = Self.gbChen[1]
        let gbURL = try tempFile("cut-gb.csv", bytes)
        defer { cleanUp(gbURL) }
        #expect(try CSVReader(url: gbURL).encoding == .gb18030)
    }

    @Test func unreadableFile() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).csv")
        do {
            _ = try CSVReader(url: missing)
            Issue.record("expected an error")
        } catch let error as CSVError {
            #expect(error.file == missing.lastPathComponent)
            #expect(error.line == 0)
            #expect(error.reason.hasPrefix("cannot open file: "))
        }
    }

    // MARK: Reading from memory

    @Test(arguments: chunkSizes)
    func dataInitializerReadsLikeTheFileReader(chunkSize: Int) throws {
        // Same records, encoding and byte count from memory as from a file, for UTF-8 with a BOM,
        // quoted multi-line fields, and detected GB18030.
        let inputs: [(String, [UInt8])] = [
            ("bom.csv", [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\"x\ny\",2\r\n\n3,\"\"\"\"".utf8)),
            ("gb.csv", Self.gbFile),
            ("empty.csv", []),
        ]
        for (name, bytes) in inputs {
            let url = try tempFile(name, bytes)
            defer { cleanUp(url) }
            let fromFile = try readAll(url, chunkSize: chunkSize)
            let reader = try CSVReader(data: Data(bytes), fileName: name, encoding: nil, chunkSize: chunkSize)
            var records: [CSVRecord] = []
            while let record = try reader.next() { records.append(record) }
            #expect(records == fromFile, "\(name)")
            #expect(reader.encoding == (name == "gb.csv" ? .gb18030 : .utf8), "\(name)")
            #expect(reader.bytesRead == bytes.count, "\(name)")
            #expect(reader.url.lastPathComponent == name)
        }
    }

    @Test func dataInitializerNamesTheFileInErrors() throws {
        // The public initializer; a slice of a larger buffer (indices not starting at 0) reads correctly.
        let whole = Data(Array("junk".utf8) + Self.gbFile)
        let slice = whole[4...]
        let reader = try CSVReader(data: slice, fileName: "流水.csv")
        #expect(reader.encoding == .gb18030)
        #expect(try reader.next()?.fields == ["name", "town"])
        #expect(try reader.next()?.fields == ["陈", "雷州"])

        let forcedUTF8 = try CSVReader(data: Data(Self.gbFile), fileName: "流水.csv", encoding: .utf8)
        #expect(throws: CSVError(file: "流水.csv", line: 2, reason: "invalid UTF-8 byte sequence; try --encoding gb18030")) {
            while try forcedUTF8.next() != nil {}
        }
        let truncated = try CSVReader(data: Data("a,b\n1,\"open\n".utf8), fileName: "cut.csv")
        #expect(throws: CSVError(file: "cut.csv", line: 2, reason: "unterminated quoted field (file truncated?)")) {
            while try truncated.next() != nil {}
        }
    }

    // MARK: Writer

    @Test func writerLineQuoting() {
        #expect(CSVWriter.line(["a", "b,c", "say \"hi\"", "x\ny", "r\rz", ""]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\"r\rz\",")
        #expect(CSVWriter.line(["陈", " 雷州 "]) == "陈, 雷州 ")
        #expect(CSVWriter.line([]) == "")
    }

    @Test func writerRoundTrip() throws {
        let rows: [[String]] = [
            ["id", "name", "note"],
            ["1", "陈", "a,b"],
            ["2", "雷州", "multi\nline \"q\""],
            ["3", "", "\r\n"],
            [""],
            ["e\u{301}\"", "x"],
        ]
        let url = try tempFile("out.csv", [])
        defer { cleanUp(url) }
        let writer = try CSVWriter(url: url)
        for row in rows { try writer.write(row) }
        try writer.close()
        let bytes = try Data(contentsOf: url)
        #expect(bytes.first == UInt8(ascii: "i"))   // no BOM
        #expect(bytes.last == 0x0A)
        #expect(try readAll(url).map(\.fields) == rows)
        #expect(try readAll(url, chunkSize: 2).map(\.fields) == rows)
    }
}
