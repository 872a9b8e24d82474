import Foundation
import Testing
import VillageWatchCore
import VillageWatchTestSupport

/// Pure domain rules: ID numbers against the published vectors, area codes, money, masking.
@Suite struct DomainTests {
    struct Vector: Sendable { let id: String; let expected: String; let failure: String; let note: String }

    static func vectors() throws -> [Vector] {
        let reader = try CSVReader(url: try SharedData.file("data/id-numbers/vectors.csv"))
        _ = try reader.next()
        var vectors: [Vector] = []
        while let record = try reader.next() {
            vectors.append(Vector(id: record.fields[0], expected: record.fields[1], failure: record.fields[2], note: record.fields[9]))
        }
        return vectors
    }

    @Test func idNumbersMatchEveryPublishedVector() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count >= 10)
        for vector in vectors {
            let id = IDNumber(vector.id)
            switch vector.expected {
            case "valid", "valid-after-uppercasing":
                #expect(id.isValid, "\(vector.id) should be valid")
            case "legacy-15":
                #expect(id.isValid, "\(vector.id) should upgrade")
                #expect(vector.note.contains(id.text), "upgrade of \(vector.id) is \(id.text); note: \(vector.note)")
            default:
                #expect(id.problem?.rawValue == vector.failure, "\(vector.id): expected \(vector.failure), got \(String(describing: id.problem))")
            }
        }
    }

    @Test func idNumberDerivesBirthDateAndSex() {
        let id = IDNumber("11010519491231002X")
        #expect(id.birthDate == "1949-12-31")
        #expect(id.sexBySequence == "female")
        #expect(IDNumber("11010519491231002x").text == "11010519491231002X")
    }

    @Test func areaCodesKnowTheirLevelAndSubtree() throws {
        let county = try #require(AreaCode("440882000000")), town = try #require(AreaCode("440882101000"))
        let village = try #require(AreaCode("440882101200")), group = try #require(AreaCode("440882101200003"))
        #expect([county.level, town.level, village.level, group.level] == [.county, .town, .village, .group])
        #expect(county.contains(group) && town.contains(group) && village.contains(group))
        #expect(!village.contains(try #require(AreaCode("440882101201"))))
        #expect(!town.contains(try #require(AreaCode("440882100200"))))
        #expect(group.village == village && group.town == town)
        #expect(village.subtreeUpperBound == "440882101201")
        #expect(AreaCode("440882109000")?.subtreeUpperBound == "44088211", "a trailing 9 carries")
        #expect(AreaCode("440882199000")?.subtreeUpperBound == "4408822")
        #expect(AreaCode("44088210120") == nil && AreaCode("440882101200000") == nil && AreaCode("4408821012ab") == nil)
        #expect(town.subtreeCondition("area_code") == "(area_code >= '440882101' AND area_code < '440882102')")
        #expect(town.outsideSubtreeCondition("area_code") == "(area_code < '440882101' OR area_code >= '440882102')")
    }

    @Test func bytesContainWholeNames() {
        #expect("张三（鱼塘租金）".containsBytes(of: "张三"))
        #expect("雷州市张三水产养殖场".containsBytes(of: "张三"))
        #expect(!"张三".containsBytes(of: "张三丰"), "a longer part is not contained")
        #expect(!"张三（鱼塘租金）".containsBytes(of: "李四"))
        #expect("ATM取现".containsBytes(of: "ATM") && "ATM取现".containsBytes(of: "取现") && "x".containsBytes(of: ""))
    }

    @Test func moneyParsesYuanIntoFenWithoutFloatingPoint() {
        #expect(Fen(yuan: "1,234.56")?.value == 123456)
        #expect(Fen(yuan: "¥1234.5")?.value == 123450)
        #expect(Fen(yuan: "-20")?.value == -2000)
        #expect(Fen(yuan: "0.07")?.value == 7)
        #expect(Fen(yuan: "1.234") == nil && Fen(yuan: "abc") == nil && Fen(yuan: "") == nil)
        #expect(Fen(123456).yuanText == "1,234.56" && Fen(-5).yuanText == "-0.05")
    }

    @Test func maskingHidesIndividualsOnly() {
        #expect(Masking.name("陈志强") == "陈*强")
        #expect(Masking.name("李明") == "李*")
        #expect(Masking.name("欧阳建国") == "欧**国")
        #expect(Masking.idNumber("440882197001010019") == "4408**********0019")
        #expect(Masking.number("6217 0000 1234") == "****1234")
    }

    @Test func datesAcceptTheThreeSpellings() {
        #expect(CalendarDate(parsing: "2026-05-01")?.description == "2026-05-01")
        #expect(CalendarDate(parsing: "2026/5/1")?.description == "2026-05-01")
        #expect(CalendarDate(parsing: "20260501")?.description == "2026-05-01")
        #expect(CalendarDate(parsing: "2026-02-30") == nil && CalendarDate(parsing: "tomorrow") == nil)
    }

    @Test func timestampsAreStoredInUTCAndShownInChinaStandardTime() {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let stored = Timestamp.utc(date)
        #expect(stored.hasSuffix("Z"))
        #expect(Timestamp.parse(stored) == date)
        #expect(Timestamp.chinaStandardTime(utc: "2026-11-29T15:16:37Z") == "2026-11-29 23:16")
    }
}

/// Import fields are trimmed without Foundation; the result must match Foundation's exactly.
@Suite struct SpaceTrimmingTests {
    @Test(arguments: ["", "   ", "\t a b \t", "\u{3000}陈志强\u{A0}", " a\u{301} ", "\n x \n", "\u{2003}1,234.56\u{202F}", "plain", "\u{200B}x\u{200B}"])
    func matchesFoundationWhitespaceTrimming(_ text: String) {
        #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func everyCharacterOfTheBasicPlaneIsTrimmedAsFoundationDoes() {
        let differing = (0..<0x1_0000).compactMap(Unicode.Scalar.init).filter { scalar in
            let text = String(scalar) + "x" + String(scalar)
            return text.trimmingSpaces != text.trimmingCharacters(in: .whitespaces)
        }
        #expect(differing.isEmpty, "\(differing.map { String($0.value, radix: 16) })")
    }
}

/// The arithmetic timestamps of bank imports agree with the formatter-based ones.
@Suite struct EpochTimestampTests {
    /// From 1992: Asia/Shanghai, which the formatters use, kept daylight saving time in 1940–49
    /// and 1986–91; bank dates are fixed UTC+8.
    @Test func utcAndChinaDatesMatchTheFormatters() {
        var random = SystemRandomNumberGenerator()
        let samples: [Int64] = [0, -1, 86_399, 86_400, 951_782_400, 1_798_761_599, 4_102_444_800] + (0..<500).map { _ in Int64.random(in: 694_224_000...4_000_000_000, using: &random) }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(Timestamp.utc(epochSeconds: seconds) == Timestamp.utc(date))
            #expect(Timestamp.chinaStandardDate(epochSeconds: seconds) == String(Timestamp.chinaStandardTime(date).prefix(10)))
        }
        #expect(CalendarDate(year: 987, month: 3, day: 9)?.description == "0987-03-09")
    }
}

/// The byte-level fast path for plain amounts gives what the general parser gives.
@Suite struct PlainAmountTests {
    @Test func plainSpellingsRoundTripAndOddOnesStillFollowTheGeneralRules() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let fen = Int64.random(in: -99_999_999_999_999...99_999_999_999_999, using: &random)
            #expect(Fen(yuan: Fen(fen).plainYuanText)?.value == fen)
        }
        let cases: [(String, Int64?)] = [("5", 500), ("-5", -500), ("5.5", 550), ("007.05", 705), ("-0", 0), ("5.", nil), (".5", nil),
                                         ("5.123", nil), ("1.2.3", nil), ("--5", nil), ("-", nil), ("", nil), ("1234567890123456", nil),
                                         (" 12.30 ", 1230), ("+3", 300), ("¥-2.5", -250), ("1,234.56", 123_456)]
        for (text, expected) in cases { #expect(Fen(yuan: text)?.value == expected, "\(text)") }
    }
}
