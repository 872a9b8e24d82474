import Foundation
import Testing
import VillageWatchCore
@testable import VillageWatchDemo

/// The synthetic county: determinism, referential integrity and the invariants the importers
/// and the comparison rules rely on. Runs on three fake villages at small scale.
@Suite struct DemoGeneratorTests {
    static let villages = [
        DemoVillage(code: "440882001001", name: "镇中社区居委会"),
        DemoVillage(code: "440882101201", name: "沈塘村委会"),
        DemoVillage(code: "440882101202", name: "东岭村委会"),
    ]

    /// A parsed canonical CSV: header names and rows (fields hold no commas or quotes).
    struct Table {
        let header: [String]
        let rows: [[String]]

        init(_ url: URL) throws {
            var text = try String(contentsOf: url, encoding: .utf8)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let lines = text.split(whereSeparator: \.isNewline).map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).map { field -> String in
                    var f = String(field)
                    if f.hasPrefix("\""), f.hasSuffix("\""), f.count >= 2 { f = String(f.dropFirst().dropLast()) }
                    return f
                }
            }
            header = lines.first ?? []
            rows = Array(lines.dropFirst())
        }

        func column(_ name: String) -> Int {
            guard let i = header.firstIndex(of: name) else {
                Issue.record("missing column \(name) in \(header)")
                return 0
            }
            return i
        }
    }

    struct Output {
        let summary: DemoSummary
        let areas: Table, persons: Table, cadres: Table, relatives: Table
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("villagewatch-demo-\(UUID().uuidString)")
    }

    static func generate(seed: UInt64 = 440882, into directory: URL) throws -> Output {
        let summary = try DemoGenerator(villages: villages, scale: .small, seed: seed).generate(into: directory)
        return Output(summary: summary,
                      areas: try Table(try #require(summary.files["areas"])),
                      persons: try Table(try #require(summary.files["persons"])),
                      cadres: try Table(try #require(summary.files["cadres"])),
                      relatives: try Table(try #require(summary.files["relatives"])))
    }

    @Test func sameInputGivesByteIdenticalFiles() throws {
        let a = Self.temporaryDirectory(), b = Self.temporaryDirectory(), c = Self.temporaryDirectory()
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        let first = try DemoGenerator(villages: Self.villages, scale: .small).generate(into: a)
        let second = try DemoGenerator(villages: Self.villages, scale: .small).generate(into: b)
        let other = try DemoGenerator(villages: Self.villages, scale: .small, seed: 7).generate(into: c)
        #expect(Set(first.files.keys) == ["areas", "persons", "cadres", "relatives"])
        for key in first.files.keys.sorted() {
            let x = try Data(contentsOf: try #require(first.files[key]))
            let y = try Data(contentsOf: try #require(second.files[key]))
            #expect(x == y, "\(key).csv differs between two runs")
            #expect(!x.isEmpty)
        }
        #expect(first.persons == second.persons && first.invalidIDNumbers == second.invalidIDNumbers)
        let p1 = try Data(contentsOf: try #require(first.files["persons"]))
        let p3 = try Data(contentsOf: try #require(other.files["persons"]))
        #expect(p1 != p3, "another seed should give another county")
    }

    @Test func groupsBelongToTheirVillages() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.generate(into: dir)
        let areas = out.areas
        #expect(areas.header == ["code", "name", "level", "parent_code"])
        #expect(areas.rows.count == out.summary.groups)
        #expect(out.summary.groups == DemoGenerator.totalGroups(villageCount: 3))
        let villageCodes = Set(Self.villages.map(\.code))
        var codes = Set<String>()
        for row in areas.rows {
            let code = row[areas.column("code")], parent = row[areas.column("parent_code")]
            #expect(row[areas.column("level")] == "group")
            #expect(villageCodes.contains(parent))
            #expect(code.hasPrefix(parent) && code.utf8.count == 15)
            #expect(AreaCode(code)?.level == .group)
            #expect(AreaCode(code)?.village?.text == parent)
            #expect(row[areas.column("name")].hasSuffix("民小组"))
            #expect(codes.insert(code).inserted, "duplicate group code \(code)")
        }
        // Every village has groups, numbered from 001.
        for v in villageCodes { #expect(codes.contains(v + "001")) }
        // Every person lives in a known group, and households do not span groups.
        let persons = out.persons
        var householdGroup: [String: String] = [:]
        for row in persons.rows {
            let group = row[persons.column("group_code")], household = row[persons.column("household_id")]
            #expect(codes.contains(group))
            #expect(household.hasPrefix("H" + group) && household.utf8.count == 20)
            if let g = householdGroup.updateValue(group, forKey: household) { #expect(g == group) }
        }
        #expect(householdGroup.count == out.summary.households)
    }

    @Test func idNumbersAreUniqueAndValidExceptTheReportedTypos() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.generate(into: dir)
        let persons = out.persons
        #expect(persons.header == ["id_number", "name", "household_id", "group_code", "relation_to_head", "gender", "phone"])
        #expect(persons.rows.count == out.summary.persons)
        #expect(out.summary.persons > 300)
        var seen = Set<String>()
        var invalid = 0
        let relations: Set<String> = ["户主", "配偶", "子", "女", "父母", "孙子女", "兄弟姐妹", "其他"]
        for row in persons.rows {
            let text = row[persons.column("id_number")]
            #expect(seen.insert(text).inserted, "duplicate ID number \(text)")
            let id = IDNumber(text)
            #expect(id.text == text && text.utf8.count == 18 && text.hasPrefix("440882"))
            if id.isValid {
                let gender = row[persons.column("gender")]
                #expect(id.sexBySequence == (gender == "男" ? "male" : "female"))
            } else {
                #expect(id.problem == .checksum)
                invalid += 1
            }
            #expect(relations.contains(row[persons.column("relation_to_head")]))
            let phone = row[persons.column("phone")]
            #expect(phone.isEmpty || (phone.utf8.count == 11 && phone.hasPrefix("1") && phone.allSatisfy(\.isNumber)))
        }
        #expect(invalid == out.summary.invalidIDNumbers)
        // Exactly one head per household.
        var heads: [String: Int] = [:]
        for row in persons.rows {
            heads[row[persons.column("household_id")], default: 0] += row[persons.column("relation_to_head")] == "户主" ? 1 : 0
        }
        #expect(heads.values.allSatisfy { $0 == 1 })
    }

    @Test func cadresAndRelativesArePersonsOfTheVillage() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.generate(into: dir)
        let persons = out.persons, cadres = out.cadres, relatives = out.relatives
        var byID: [String: [String]] = [:]
        for row in persons.rows { byID[row[persons.column("id_number")]] = row }
        func village(of row: [String]) -> String { String(row[persons.column("group_code")].prefix(12)) }

        #expect(cadres.header == ["id_number", "name", "village_code", "position", "term_start", "term_end"])
        #expect(cadres.rows.count == out.summary.cadres)
        var positions: [String: [String]] = [:]
        for row in cadres.rows {
            let id = row[cadres.column("id_number")]
            let person = try #require(byID[id], "cadre \(id) is not in persons.csv")
            #expect(person[persons.column("name")] == row[cadres.column("name")])
            #expect(village(of: person) == row[cadres.column("village_code")])
            #expect(IDNumber(id).isValid)
            positions[row[cadres.column("village_code")], default: []].append(row[cadres.column("position")])
            let start = row[cadres.column("term_start")], end = row[cadres.column("term_end")]
            #expect(CalendarDate(parsing: start) != nil)
            #expect(end.isEmpty || CalendarDate(parsing: end) != nil)
        }
        let groupsPerVillage = Dictionary(grouping: out.areas.rows.map { $0[out.areas.column("parent_code")] }, by: { $0 })
        for v in Self.villages {
            let held = positions[v.code] ?? []
            #expect(held.filter { $0 == "党支部书记" }.count == 1, "\(v.name) has no 党支部书记")
            #expect(held.filter { $0 == "报账员" }.count == 1, "\(v.name) has no 报账员")
            #expect(held.contains("村委会主任") && held.contains("村务监督委员会主任"))
            #expect(held.filter { $0 == "村民小组长" }.count == groupsPerVillage[v.code]?.count)
        }
        // One post per person, except a secretary who is also the director (一肩挑).
        let postsByPerson = Dictionary(grouping: cadres.rows, by: { $0[cadres.column("id_number")] })
        for (_, rows) in postsByPerson where rows.count > 1 {
            #expect(Set(rows.map { $0[cadres.column("position")] }) == ["党支部书记", "村委会主任"])
        }

        #expect(relatives.header == ["cadre_id_number", "relative_id_number", "relative_name", "relationship"])
        #expect(relatives.rows.count == out.summary.relatives)
        let allowed: Set<String> = ["配偶", "父母", "子女", "兄弟姐妹", "配偶父母", "子女配偶", "其他"]
        var siblings: [String: Int] = [:]
        for row in relatives.rows {
            let cadreID = row[relatives.column("cadre_id_number")], relativeID = row[relatives.column("relative_id_number")]
            #expect(postsByPerson[cadreID] != nil, "declaring person \(cadreID) is not a cadre")
            let cadre = try #require(byID[cadreID])
            let relative = try #require(byID[relativeID], "relative \(relativeID) is not in persons.csv")
            #expect(relative[persons.column("name")] == row[relatives.column("relative_name")])
            #expect(cadreID != relativeID)
            let relationship = row[relatives.column("relationship")]
            #expect(allowed.contains(relationship))
            #expect(village(of: relative) == village(of: cadre))
            if relationship == "兄弟姐妹" {
                siblings[cadreID, default: 0] += 1
                #expect(relative[persons.column("household_id")] != cadre[persons.column("household_id")],
                        "sibling \(relativeID) shares the cadre's household")
                #expect(relative[persons.column("name")].first == cadre[persons.column("name")].first)
            }
            if relationship == "配偶" {
                #expect(relative[persons.column("household_id")] == cadre[persons.column("household_id")])
            }
        }
        // Every cadre declares 1–2 siblings, once even when holding two posts.
        for id in postsByPerson.keys { #expect((1...2).contains(siblings[id] ?? 0)) }
    }

    @Test func leizhouGetsExactly2687Groups() {
        #expect(DemoGenerator.totalGroups(villageCount: 485) == 2687)
        let villages = (0..<485).map { i in
            DemoVillage(code: "440882" + String(100 + i / 30) + String(200 + i % 30),
                        name: i % 8 == 0 ? "第\(i)社区居委会" : "第\(i)村委会")
        }
        let counts = DemoGenerator(villages: villages, scale: .county).groupCounts()
        #expect(counts.reduce(0, +) == 2687)
        #expect(counts.allSatisfy { $0 >= 1 && $0 <= 999 })
        #expect(DemoGenerator(villages: Array(villages.prefix(3)), scale: .small).groupCounts().reduce(0, +) == 17)
    }

    @Test func rejectsCodesThatAreNotVillages() {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: DemoGeneratorError.notAVillageCode("440882101000")) {
            try DemoGenerator(villages: [DemoVillage(code: "440882101000", name: "附城镇")], scale: .small).generate(into: dir)
        }
        #expect(throws: DemoGeneratorError.duplicateVillageCode("440882101201")) {
            try DemoGenerator(villages: [Self.villages[1], Self.villages[1]], scale: .small).generate(into: dir)
        }
    }

    @Test func randomStreamIsStable() {
        var a = DemoRandom(seed: 42), b = DemoRandom(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        var r = DemoRandom(seed: 1)
        for _ in 0..<1000 { #expect((3...9).contains(r.int(3...9))) }
    }
}
