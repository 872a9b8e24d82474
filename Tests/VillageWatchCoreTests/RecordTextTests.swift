import Testing
@testable import VillageWatchCore

/// PostgreSQL's text form of rows, read without the server: NULL against empty text, doubled
/// quotes and backslashes, integers with their limits, and text that is not the form.
@Suite struct RecordTextTests {
    func records(_ text: String) throws -> [[String?]] {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBytes { raw in
            var reader = RecordText(UnsafeRawBufferPointer(raw))
            var rows: [[String?]] = []
            while try reader.next() { rows.append(try reader.fields.indices.map { try reader.text($0) }) }
            return rows
        }
    }

    func integers(_ text: String) throws -> [Int64?] {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBytes { raw in
            var reader = RecordText(UnsafeRawBufferPointer(raw))
            _ = try reader.next()
            return try reader.fields.indices.map { try reader.integer($0) }
        }
    }

    @Test func fieldsNullsAndQuoting() throws {
        #expect(try records(#"(a,,"",b c)"#) == [["a", nil, "", "b c"]])
        #expect(try records(#"("say ""hi""","back\\slash","(x,y)")"#) == [[#"say "hi""#, #"back\slash"#, "(x,y)"]])
        #expect(try records("(1)\n(\"line\nbreak\")\n(陈小强)") == [["1"], ["line\nbreak"], ["陈小强"]])
        #expect(try records("") == [])
        #expect(try records("()") == [[nil]])
    }

    @Test func integersAndTheirLimits() throws {
        #expect(try integers("(0,-7,,9223372036854775807,-9223372036854775808)") == [0, -7, nil, .max, .min])
        #expect(throws: RecordText.Problem.self) { try integers("(9223372036854775808)") }
        #expect(throws: RecordText.Problem.self) { try integers("(12a)") }
        #expect(throws: RecordText.Problem.self) { try integers("(-)") }
        #expect(throws: RecordText.Problem.self) { try integers(#"("")"#) }
    }

    @Test func textThatIsNotTheFormIsAnError() {
        for malformed in ["a,b", "(a,b", #"("unterminated)"#, #"("a"b)"#, "(a)x", #"("a\b")"#] {
            #expect(throws: RecordText.Problem.self, "\(malformed)") { try records(malformed) }
        }
        var bytes = Array("(1)".utf8)
        bytes.withUnsafeMutableBytes { raw in
            var reader = RecordText(UnsafeRawBufferPointer(raw))
            #expect(throws: Never.self) { _ = try reader.next() }
            #expect(throws: RecordText.Problem.self) { try reader.text(3) }
        }
    }
}
