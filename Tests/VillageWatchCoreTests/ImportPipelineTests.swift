import Foundation
import SQLKit
import Testing
import VillageWatchCore
import VillageWatchGovernance
import VillageWatchServer
import VillageWatchTestSupport

/// The import pipeline on both engines: division codes, the four registry datasets, idempotence,
/// conflicts, all-or-nothing and every kind of bad input named by file, line and field.
@Suite struct ImportPipelineTests {
    func run(_ database: Database, _ dataset: String, _ name: String, _ text: String, dryRun: Bool = false,
             encoding: TextEncoding? = nil) async throws -> ImportReport {
        try await ImportPipeline(database: database).run(any: try Platform.dataset(named: dataset), file: try temporaryCSV(name, text),
                                                         options: ImportOptions(encoding: encoding, dryRun: dryRun), by: .commandLine(.commandLine("test")))
    }

    @Test(arguments: TestEngine.available)
    func divisionCodesGiveTheCountyItsTownsAndVillages(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            let counts = try await db.read { try await AreaStore($0).counts(below: AreaCode("440882000000")!) }
            #expect(counts == AreaCounts(towns: 22, villages: 485, groups: 0))
            let edition = try await db.read {
                try await $0.select().column("edition").from("areas").where("code", .equal, "440882100200").first(decodingColumn: "edition", as: String.self)
            }
            #expect(edition == "2022")
            #expect(try await DivisionCodes.loadIfNeeded(file: try SharedData.divisions, edition: "2022", database: db) == nil, "loaded only once")
        }
    }

    @Test(arguments: TestEngine.available)
    func registryImportsAndReimportsWithoutChange(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            #expect(try await rowCount(db, "persons") == 5)
            #expect(try await rowCount(db, "relatives") == 2)
            let again = try await run(db, "persons", "persons.csv", TestWorld.persons)
            #expect(again.outcome == .unchanged)
            #expect(again.rowsUnchanged == 5 && again.rowsInserted == 0)
            #expect(try await rowCount(db, "persons") == 5)
            let records = try await db.read { try await $0.select().column("*").from("imports").where("dataset", .equal, "persons").orderBy("id").all() }
            #expect(records.count == 2)
            #expect(try records[1].decode(column: "file_sha256", as: String.self) == FileDigest.sha256(of: try temporaryCSV("p.csv", TestWorld.persons)))
            #expect(try records[1].decode(column: "actor", as: String.self) == "cli:test")
        }
    }

    @Test(arguments: TestEngine.available)
    func aConflictingRowRejectsTheWholeFile(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let changed = TestWorld.persons.replacingOccurrences(of: "林海", with: "林大海") + "\n440882199006060065,新人,HA3,\(TestWorld.groupA),户主,男,"
            let report = try await run(db, "persons", "persons.csv", changed)
            #expect(report.outcome == .rejected)
            #expect(report.problems.count == 1)
            #expect(report.problems[0].line == 4)
            #expect(report.problems[0].description.contains("林海") && report.problems[0].description.contains("林大海"))
            #expect(try await rowCount(db, "persons") == 5, "the new row of the rejected file was not written")
            let outcome = try await db.read { try await $0.select().column("outcome").from("imports").orderBy("id", .descending).first(decodingColumn: "outcome", as: String.self) }
            #expect(outcome == "rejected")
        }
    }

    @Test(arguments: TestEngine.available)
    func badRowsAreNamedByLineAndFieldAndNothingIsWritten(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let auditBefore = try await rowCount(db, "audit_log")
            let text = """
                id_number,name,household_id,group_code,gender
                440882199006060065,赵一,HC1,\(TestWorld.groupA),男
                440882195507070079,钱二,HC1,440882999999001,女
                440882196008080082,,HC2,\(TestWorld.groupA),男
                440882199006060065,赵一,HC1,\(TestWorld.groupA),男
                440882199109090099,孙三,HC3,\(TestWorld.groupA),未知
                """
            let report = try await run(db, "persons", "new-persons.csv", text)
            #expect(report.outcome == .rejected)
            #expect(report.problems.map(\.line) == [3, 4, 5, 6])
            #expect(report.problems.map(\.field) == ["group_code", "name", "id_number", "gender"])
            #expect(report.problems[0].description.hasPrefix("new-persons.csv:3: group_code:"))
            #expect(report.problems[2].reason.contains("第 2 行"))
            #expect(try await rowCount(db, "persons") == 5)
            #expect(try await rowCount(db, "audit_log") == auditBefore + 1, "only the rejected run is audited")
        }
    }

    /// Keys met in earlier batches live in the database, not in memory: with two records a
    /// batch, duplicates across batches and within one are still named with their first line,
    /// in line order among the other problems, also after the first problem stopped inserting.
    @Test(arguments: TestEngine.available)
    func duplicatesAcrossAndWithinBatchesNameTheirFirstLine(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let text = """
                id_number,name,household_id,group_code
                440882199006060065,赵一,HC1,\(TestWorld.groupA)
                440882195507070079,钱二,HC1,\(TestWorld.groupA)
                440882196008080082,孙三,HC2,440882999999001
                440882199006060065,赵一,HC1,\(TestWorld.groupA)
                440882199109090099,李四,HC3,\(TestWorld.groupA)
                440882199109090099,李四,HC3,\(TestWorld.groupA)
                440882195507070079,钱二,HC1,\(TestWorld.groupA)
                """
            let report = try await ImportPipeline(database: db).run(PersonsDataset(), file: try temporaryCSV("dup.csv", text),
                                                                    options: ImportOptions(batchSize: 2), by: .system)
            #expect(report.outcome == .rejected)
            #expect(report.problems.map(\.line) == [4, 5, 7, 8])
            #expect(report.problems.map(\.field) == ["group_code", "id_number", "id_number", "id_number"])
            #expect(report.problems[1].reason == "重复的键 440882199006060065，首次出现在第 2 行 (duplicate key, first on line 2)")
            #expect(report.problems[2].reason.contains("第 6 行") && report.problems[3].reason.contains("第 3 行"))
            #expect(try await rowCount(db, "persons") == 5)
        }
    }

    @Test(arguments: TestEngine.available)
    func smallBatchesReimportUnchangedAndReportConflicts(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let pipeline = ImportPipeline(database: db)
            let options = ImportOptions(batchSize: 2)
            let again = try await pipeline.run(PersonsDataset(), file: try temporaryCSV("p.csv", TestWorld.persons), options: options, by: .system)
            #expect(again.outcome == .unchanged && again.rowsUnchanged == 5)
            let changed = TestWorld.persons.replacingOccurrences(of: "李明", with: "李小明")
            let conflict = try await pipeline.run(PersonsDataset(), file: try temporaryCSV("p.csv", changed), options: options, by: .system)
            #expect(conflict.outcome == .rejected && conflict.problems.map(\.line) == [6])
            #expect(conflict.problems.first?.reason.contains("李小明") == true)
        }
    }

    @Test(arguments: TestEngine.available)
    func missingColumnUnknownColumnAndTruncatedFile(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let missing = try await run(db, "persons", "p.csv", "id_number,name,group_code\n440882199006060065,赵一,\(TestWorld.groupA)")
            #expect(missing.problems.first?.description == "p.csv:1: household_id: 缺少必需列 (missing required column 'household_id')")
            let unknown = try await run(db, "persons", "p.csv", "id_number,name,household_id,group_code,nickname\n440882199006060065,赵一,HC1,\(TestWorld.groupA),阿一",
                                        dryRun: true)
            #expect(unknown.outcome == .dryRun)
            #expect(unknown.warnings.first?.field == "nickname")
            let truncated = try await run(db, "persons", "p.csv", "id_number,name,household_id,group_code\n440882199006060065,\"赵一,HC1")
            #expect(truncated.outcome == .rejected)
            #expect(truncated.problems.first?.line == 2)
            #expect(truncated.problems.first?.reason.contains("unterminated") == true)
            let short = try await run(db, "persons", "p.csv", "id_number,name,household_id,group_code\n440882199006060065,赵一,HC1")
            #expect(short.problems.first?.reason.contains("3 fields") == true)
            #expect(try await rowCount(db, "persons") == 5)
        }
    }

    @Test(arguments: TestEngine.available)
    func invalidIDNumbersAreKeptAndMarked(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let report = try await run(db, "persons", "p.csv", "id_number,name,household_id,group_code\n440882199006060066,赵一,HC1,\(TestWorld.groupA)")
            #expect(report.outcome == .committed)
            #expect(report.warnings.first?.reason.contains("checksum") == true)
            let person = try await db.read { try await PersonStore($0).person("440882199006060066") }
            #expect(person?.idProblem == "checksum")
        }
    }

    @Test(arguments: TestEngine.available)
    func gb18030FilesAreDetectedAndWrongEncodingIsNamed(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            // "赵一" in GB18030 is D5 D4 D2 BB.
            var bytes = Array("id_number,name,household_id,group_code\n440882199006060065,".utf8)
            bytes += [0xD5, 0xD4, 0xD2, 0xBB] + Array(",HC1,\(TestWorld.groupA)\n".utf8)
            let url = try temporaryCSV("gbk.csv", "")
            try Data(bytes).write(to: url)
            let pipeline = ImportPipeline(database: db)
            let wrong = try await pipeline.run(PersonsDataset(), file: url, options: ImportOptions(encoding: .utf8), by: .system)
            #expect(wrong.outcome == .rejected)
            #expect(wrong.problems.first?.line == 2)
            let detected = try await pipeline.run(PersonsDataset(), file: url, options: ImportOptions(), by: .system)
            #expect(detected.encoding == "gb18030" && detected.outcome == .committed)
            #expect(try await db.read { try await PersonStore($0).person("440882199006060065") }?.name == "赵一")
        }
    }

    @Test(arguments: TestEngine.available)
    func areasAndReferencesAreChecked(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            let groups = try await run(db, "areas", "areas.csv", """
                code,name,level,parent_code
                440882100200001,一组,group,440882100200
                440882100200002,二组,village,440882100200
                440882100299001,三组,group,440882100299
                440882100200003,四组,group,440882100201
                """)
            #expect(groups.problems.map(\.line) == [3, 4, 5])
            #expect(groups.problems.map(\.field) == ["level", "parent_code", "parent_code"])
            let relatives = try await run(db, "relatives", "relatives.csv", "cadre_id_number,relative_id_number,relative_name,relationship\n\(TestWorld.cadreA),\(TestWorld.wifeA),王秀英,配偶")
            #expect(relatives.problems.first?.field == "cadre_id_number")
            let cadres = try await run(db, "cadres", "cadres.csv", "id_number,name,village_code,position,term_start,term_end\n\(TestWorld.cadreA),陈志强,440882100200,书记,2026-05-01,2021-01-01")
            #expect(cadres.problems.first?.field == "term_end")
        }
    }

    @Test func unknownDatasetIsNamed() {
        #expect(throws: UnknownDataset.self) { try Platform.dataset(named: "people") }
        #expect(UnknownDataset(name: "people").description.contains("persons"))
    }
}
