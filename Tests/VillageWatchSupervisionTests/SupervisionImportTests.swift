import Foundation
import SQLKit
import Testing
import VillageWatchCore
import VillageWatchSupervision
import VillageWatchTestSupport

/// The supervision module's canonical datasets through the one import pipeline, on both engines:
/// what is stored, what is refused with file, line and field, idempotence, and who may load them.
@Suite struct SupervisionImportTests {
    static let county = AreaCode("440882000000")!
    static let department = Principal(userID: 1, username: "minzheng", displayName: "民政局", role: .countyDepartment, scope: county)
    static let clerkA = Principal(userID: 2, username: "clerk-a", displayName: "报账员", role: .villageClerk, scope: AreaCode(TestWorld.villageA)!)

    static let benefits = """
        payment_id,program_code,program_name,department,recipient_id_number,recipient_name,village_code,period,amount,quantity,unit,payee_account,payee_account_name,paid_on
        P1,DIBAO,最低生活保障,民政,\(TestWorld.wifeA),王秀英,\(TestWorld.groupA),2026-09,"1,230.50",,,6228 4800 1234 5678,王秀英,2026-09-10
        P2,gengdi,耕地地力保护补贴,农业农村,\(TestWorld.villagerA),林海,\(TestWorld.villageA),2026-5,312.00,3.12,亩,,,
        P3,XCZX,乡村振兴补助,农业农村,440882197001010018,陈志强,\(TestWorld.villageA),2026-09,100,,,,,
        """

    func load(_ db: Database, _ name: String, _ text: String, by actor: ImportActor = .user(department)) async throws -> ImportReport {
        try await ImportPipeline(database: db).run(any: try Self.dataset(name), file: try temporaryCSV("\(name).csv", text), options: ImportOptions(), by: actor)
    }

    static func dataset(_ name: String) throws -> any ImportDataset {
        let all: [any ImportDataset] = [ProgramsDataset(), BenefitsDataset(), FilingsDataset(), DeathsDataset(), PublicEmployeesDataset(),
                                        VehiclesDataset(), BusinessesDataset(), LandDataset(), ContractsDataset()]
        return try #require(all.first { $0.name == name })
    }

    @Test(arguments: TestEngine.available)
    func benefitRollsAreStoredInFenAndTwiceChangesNothing(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let report = try await load(db, "benefits", Self.benefits)
            #expect(report.outcome == .committed && report.rowsInserted == 3, "\(report.problems)")
            #expect(report.warnings.map(\.description) == [
                "benefits.csv:4: 身份证号码 440882197001010018 校验未通过（checksum），已保留并标记为无效 (kept and marked invalid)；未定义的项目 XCZX，暂按非困难救助、非按面积补贴处理，请导入 programs.csv (unknown programme)",
            ])
            let rows = try await db.read { try await $0.raw("SELECT payment_id, program_code, period, amount_fen, quantity_hundredths, payee_account, id_problem FROM benefit_payments ORDER BY payment_id").all() }
            #expect(try rows.map { try $0.decode(column: "amount_fen", as: Int64.self) } == [123_050, 31_200, 10_000])
            #expect(try rows.map { try $0.decode(column: "program_code", as: String.self) } == ["DIBAO", "GENGDI", "XCZX"])
            #expect(try rows[1].decode(column: "period", as: String.self) == "2026-05" && rows[1].decode(column: "quantity_hundredths", as: Int64?.self) == 312)
            #expect(try rows[0].decode(column: "payee_account", as: String?.self) == "6228480012345678")
            #expect(try rows[2].decode(column: "id_problem", as: String?.self) == "checksum")
            #expect(try await load(db, "benefits", Self.benefits).outcome == .unchanged)
        }
    }

    @Test(arguments: TestEngine.available)
    func badRowsAreNamedAndNothingIsStored(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let bad = """
                payment_id,program_code,program_name,department,recipient_id_number,recipient_name,village_code,period,amount
                P1,DIBAO,最低生活保障,民政,\(TestWorld.wifeA),王秀英,\(TestWorld.groupA),2026-13,100
                P2,DIBAO,最低生活保障,民政,\(TestWorld.wifeA),王秀英,440882999999,2026-09,100
                P3,DIBAO,最低生活保障,民政,\(TestWorld.wifeA),王秀英,\(TestWorld.groupA),2026-09,-5
                P4,DIBAO,最低生活保障,民政,\(TestWorld.wifeA),王秀英,\(TestWorld.groupA),2026-09,100
                """
            let report = try await load(db, "benefits", bad)
            #expect(report.outcome == .rejected && report.rowsRejected == 3)
            #expect(report.problems.map(\.description) == [
                "benefits.csv:2: period: 期间格式应为 YYYY-MM (not a period) '2026-13'",
                "benefits.csv:3: village_code: 未知的村或村民小组代码 (unknown village or group code) 440882999999",
                "benefits.csv:4: amount: 金额应为正的元金额，最多两位小数 (not an amount) '-5'",
            ])
            #expect(try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM benefit_payments").first(decodingColumn: "n", as: Int.self) } == 0)
            let leases = """
                contract_id,village_code,asset_type,asset_name,lessee_name,start_date,end_date,annual_rent,award_method
                C1,\(TestWorld.groupA),鱼塘,东塘,林海,2026-01-01,2030-12-31,5000,协商
                C2,\(TestWorld.villageA),鱼池,东塘,林海,2026-01-01,2030-12-31,5000,协商
                C3,\(TestWorld.villageA),鱼塘,东塘,林海,2026-01-01,2025-12-31,5000,协商
                C4,\(TestWorld.villageA),鱼塘,东塘,林海,2026-01-01,2030-12-31,5000,拍卖
                """
            #expect(try await load(db, "contracts", leases, by: .system).problems.map(\.description) == [
                "contracts.csv:2: village_code: 未知的村（居）委会代码 (unknown village code) \(TestWorld.groupA)",
                "contracts.csv:3: asset_type: 应为 其他、厂房、山地、林地、耕地、铺面、鱼塘 之一 (not one of the allowed values) '鱼池'",
                "contracts.csv:4: end_date: 承包结束日期早于开始日期 (ends before it starts)",
                "contracts.csv:5: award_method: 应为 公开招标、公开竞价、其他、协商 之一 (not one of the allowed values) '拍卖'",
            ])
        }
    }

    @Test(arguments: TestEngine.available)
    func registriesAndLeasesLoad(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let files: [(String, String, Int)] = [
                ("programs", "program_code,program_name,department,means_tested,area_based\nXCZX,乡村振兴补助,农业农村,是,false\n", 1),
                ("filings", "id_number,program_code,filed_on,approved_by\n\(TestWorld.wifeA),dibao,2026-08-01,雷州市民政局\n", 1),
                ("deaths", "id_number,name,death_date\n\(TestWorld.villagerA),林海,2026-07-02\n", 1),
                ("public-employees", "id_number,name,employer,start_date,end_date\n\(TestWorld.sonB),李明,雷州市第一中学,2020-09-01,\n", 1),
                ("vehicles", "owner_id_number,plate,registered_on,vehicle_type\n\(TestWorld.cadreB),粤G 12345,2025-03-01,小型轿车\n", 1),
                ("businesses", "owner_id_number,business_name,registered_on,registered_capital\n\(TestWorld.cadreA),雷州市海丰养殖场,2024-01-01,\"500,000\"\n", 1),
                ("land", "household_id,contracted_area_mu\nHA2,3.5\n", 1),
                ("contracts", "contract_id,village_code,asset_type,asset_name,lessee_name,lessee_id_number,area_mu,start_date,end_date,annual_rent,award_method,signed_on,payment_schedule\nC1,\(TestWorld.villageA),鱼塘,东塘,林海,\(TestWorld.villagerA),12.5,2026-01-01,2030-12-31,8000,协商,2025-12-20,年付\n", 1),
            ]
            for (name, text, rows) in files {
                let report = try await load(db, name, text, by: name == "contracts" ? .user(Self.clerkA) : .user(Self.department))
                #expect(report.outcome == .committed && report.rowsInserted == rows, "\(name): \(report.problems)")
            }
            let checks: [(String, String)] = [
                ("SELECT means_tested || '/' || area_based AS v FROM benefit_programs", "1/0"),
                ("SELECT program_code AS v FROM relative_filings", "DIBAO"),
                ("SELECT plate AS v FROM registry_vehicles", "粤G12345"),
                ("SELECT CAST(registered_capital_fen AS TEXT) AS v FROM registry_businesses", "50000000"),
                ("SELECT CAST(contracted_area_hundredths AS TEXT) AS v FROM registry_land", "350"),
                ("SELECT CAST(annual_rent_fen AS TEXT) || ' ' || CAST(area_hundredths AS TEXT) AS v FROM leases", "800000 1250"),
            ]
            for (query, expected) in checks {
                #expect(try await db.read { try await $0.raw(SQLQueryString(query)).first(decodingColumn: "v", as: String.self) } == expected, "\(query)")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func onlyCountyDepartmentsLoadRollsAndRegistries(_ engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            try await TestWorld.load(into: db)
            let refused = try await load(db, "deaths", "id_number,name,death_date\n\(TestWorld.villagerA),林海,2026-07-02\n", by: .user(Self.clerkA))
            #expect(refused.outcome == .rejected && refused.problems.first?.reason.contains("不在您的管辖范围内") == true)
            let clerkBenefits = try await load(db, "benefits", Self.benefits, by: .user(Self.clerkA))
            #expect(clerkBenefits.outcome == .rejected, "a village clerk does not load a department's payment roll")
            let town = Principal(userID: 3, username: "town-a", displayName: "镇", role: .townOfficer, scope: AreaCode(TestWorld.townA)!)
            #expect(try await load(db, "benefits", Self.benefits, by: .user(town)).outcome == .rejected)
            let leaseOfB = "contract_id,village_code,asset_type,asset_name,lessee_name,start_date,end_date,annual_rent\nC9,\(TestWorld.villageB),耕地,西洋,李明,2026-01-01,2027-12-31,100\n"
            #expect(try await load(db, "contracts", leaseOfB, by: .user(Self.clerkA)).outcome == .rejected, "village B's lease is outside A's clerk")
        }
    }
}
