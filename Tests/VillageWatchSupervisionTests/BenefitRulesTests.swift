import Testing
import VillageWatchCore
import VillageWatchSupervision

/// Every BEN-* rule on a planted case and its near-miss, and linkage beyond exact ID numbers.
@Suite struct BenefitRulesTests {
    static let village = "440882100200", otherVillage = "440882101200"
    static func id(_ birth: String, _ sequence: Int) -> String { IDNumber.make(address: "440882", birth: birth, sequence: sequence) }
    static let cadre = id("19700101", 1), wife = id("19750202", 2), son = id("20000303", 3)
    static let villager = id("19800404", 4), villagerSon = id("20050505", 5), dead = id("19400606", 6), lateDeath = id("19410707", 7)
    static let driver = id("19600808", 8), farmer = id("19610909", 9), owner = id("19621010", 10), employee = id("19631111", 11)
    static let other1 = id("19701212", 12), other2 = id("19710113", 13), other3 = id("19720214", 14), lateBuyer = id("19730315", 15)

    static var world: ScreeningWorld {
        var world = ScreeningWorld()
        let group = village + "001"
        let people: [(String, String, String)] = [
            (cadre, "陈志强", "H1"), (wife, "王秀英", "H1"), (son, "陈明", "H9"), (villager, "林海", "H2"), (villagerSon, "林小海", "H2"),
            (dead, "黄老伯", "H3"), (lateDeath, "黄老二", "H4"), (driver, "吴开车", "H5"), (farmer, "吴农机", "H6"), (owner, "郑老板", "H7"),
            (employee, "冯老师", "H8"), (other1, "甲一", "H10"), (other2, "乙二", "H11"), (other3, "丙三", "H12"), (lateBuyer, "吴后买", "H13"),
        ]
        for (id, name, household) in people { world.persons[id] = .init(id: id, name: name, householdID: household, groupCode: group) }
        world.cadres = [.init(id: cadre, name: "陈志强", villageCode: village, position: "党支部书记", termStart: CalendarDate(parsing: "2021-05-01")!, termEnd: nil)]
        world.relatives = [.init(cadreID: cadre, id: son, name: "陈明", relationship: "子女")]
        world.filings = [son + "|DIBAO"]
        world.deaths = [dead: CalendarDate(parsing: "2026-07-02")!, lateDeath: CalendarDate(parsing: "2026-09-03")!]
        world.publicEmployment = [employee: [.init(start: CalendarDate(parsing: "2020-09-01")!, end: nil)]]
        world.vehicles = [driver: [.init(plate: "粤G12345", registeredOn: CalendarDate(parsing: "2025-03-01")!, type: "小型轿车")],
                          farmer: [.init(plate: "粤G00001", registeredOn: CalendarDate(parsing: "2020-03-01")!, type: "农用车")],
                          lateBuyer: [.init(plate: "粤G54321", registeredOn: CalendarDate(parsing: "2026-09-01")!, type: "小型轿车")]]
        world.businesses = [owner: [CalendarDate(parsing: "2024-01-01")!]]
        world.contractedLand = ["H2": 300]
        return world
    }

    static func payment(_ id: String, _ recipient: String, name: String, program: String = "DIBAO", period: String = "2026-08",
                        village: String = village, quantity: Int64? = nil, payee: String? = nil, payeeName: String? = nil) -> ScreeningWorld.Payment {
        .init(department: "民政", paymentID: id, programCode: program, recipientID: recipient, recipientName: name, areaCode: village, period: period,
              amountFen: 41_000, quantityHundredths: quantity, payeeAccount: payee, payeeAccountName: payeeName)
    }

    func run(_ payments: [ScreeningWorld.Payment], _ code: FindingCode) -> [Finding] {
        var world = Self.world
        world.payments = payments
        return BenefitRules(world: world, thresholds: ScreeningThresholds()).findings([code])
    }

    @Test func paymentsAfterTheDeathMonthOnly() {
        let found = run([Self.payment("P1", Self.dead, name: "黄老伯"), Self.payment("P2", Self.dead, name: "黄老伯", period: "2026-07"),
                         Self.payment("P3", Self.lateDeath, name: "黄老二")], .benDeceased)
        #expect(found.map(\.jsonLine) == [
            #"{"code":"BEN-DECEASED","severity":"high","village_code":"440882100200","subject":{"id_number":"\#(Self.dead)","payment_id":"P1"},"amount_fen":41000,"evidence":{"death_date":"2026-07-02","period":"2026-08","program_code":"DIBAO"}}"#,
        ], "paid for the death month itself, or dying the month after the period, is no finding")
    }

    @Test func meansTestsLookAtTheWholeHouseholdBeforeThePeriod() {
        #expect(run([Self.payment("P1", Self.employee, name: "冯老师"), Self.payment("P2", Self.employee, name: "冯老师", program: "GENGDI")],
                    .benPublicEmployee).map { $0.subject("payment_id") } == ["P1"], "area subsidies are not means-tested")
        #expect(run([Self.payment("P1", Self.driver, name: "吴开车"), Self.payment("P2", Self.farmer, name: "吴农机"),
                     Self.payment("P3", Self.lateBuyer, name: "吴后买")], .benVehicle).map { $0.subject("payment_id") } == ["P1"],
                "a farm vehicle, or one registered after the period, does not count")
        #expect(run([Self.payment("P1", Self.owner, name: "郑老板"), Self.payment("P2", Self.owner, name: "郑老板", period: "2023-12")],
                    .benBusiness).map { $0.subject("payment_id") } == ["P1"])
    }

    @Test func cadresTheirHouseholdsAndDeclaredRelativesNeedAFiling() {
        let found = run([Self.payment("P1", Self.wife, name: "王秀英"), Self.payment("P2", Self.son, name: "陈明"), Self.payment("P3", Self.villager, name: "林海"),
                         Self.payment("P4", Self.wife, name: "王秀英", village: Self.otherVillage)], .benCadreRelativeUnfiled)
        #expect(found.map { $0.subject("payment_id") } == ["P1"], "the son's case is filed; 林海 is no relative; another village's cadres differ")
        #expect(found.first?.jsonLine.contains(#""cadre_id_number":"\#(Self.cadre)","cadre_position":"党支部书记","tie":"家庭成员""#) == true)
    }

    @Test func duplicatesAcrossVillagesAreFoundOnce() {
        let found = run([Self.payment("P1", Self.villager, name: "林海"), Self.payment("P2", Self.villager, name: "林海", village: Self.otherVillage),
                         Self.payment("P3", Self.villager, name: "林海", period: "2026-09")], .benDuplicate)
        #expect(found.count == 1 && found[0].subject("payment_id") == "P2")
        #expect(found[0].jsonLine.contains(#""other_payment_ids":["P1"],"villages":["440882100200","440882101200"]"#))
    }

    @Test func areaAboveTheToleranceOnly() {
        let found = run([Self.payment("P1", Self.villager, name: "林海", program: "GENGDI", quantity: 330),
                         Self.payment("P2", Self.villager, name: "林海", program: "GENGDI", period: "2026-09", quantity: 315)], .benAreaOverstated)
        #expect(found.map { $0.subject("payment_id") } == ["P1"], "3.15 亩 on 3.00 is exactly 5 %")
        #expect(found.first?.jsonLine.contains(#""quantity_mu":3.30,"contracted_mu":3.00"#) == true)
    }

    @Test func payeesOutsideTheHouseholdAndSharedAccounts() {
        let mismatch = run([Self.payment("P1", Self.villager, name: "林海", payeeName: "张三"), Self.payment("P2", Self.villager, name: "林海", period: "2026-09", payeeName: "林小海"),
                            Self.payment("P3", Self.villager, name: "林海", period: "2026-10", payeeName: "林海")], .benPayeeMismatch)
        #expect(mismatch.map { $0.subject("payment_id") } == ["P1"], "a household member may receive it")
        let shared = run([Self.payment("P1", Self.other1, name: "甲一", payee: "6228001"), Self.payment("P2", Self.other2, name: "乙二", payee: "6228001"),
                          Self.payment("P3", Self.other3, name: "丙三", payee: "6228001"), Self.payment("P4", Self.villager, name: "林海", payee: "6228002"),
                          Self.payment("P5", Self.villagerSon, name: "林小海", payee: "6228002"), Self.payment("P6", Self.other1, name: "甲一", payee: "6228002")],
                         .benSharedAccount)
        #expect(shared.map { $0.subject("account_number") } == ["6228001"], "6228002 serves two households only")
        #expect(shared.first?.amountFen == 123_000)
    }

    @Test func typosAreLinkedAndSaySo() {
        // The day of birth mistyped (06 → 07): name and birth date no longer agree, one digit does.
        let digits = Array(Self.dead)
        let typo = String(digits[0..<13]) + "7" + String(digits[14...])
        #expect(IDNumber(typo).problem == .checksum)
        let found = run([Self.payment("P1", typo, name: "黄老伯")], .benDeceased)
        #expect(found.count == 1 && found[0].jsonLine.contains(#""link_basis":"one-digit","linked_id_number":"\#(Self.dead)""#))
        let wrongBirth = "440882194006070061"
        let byBirth = run([Self.payment("P2", wrongBirth, name: "黄老伯")], .benDeceased)
        #expect(byBirth.isEmpty, "a different birth date and more than one digit apart: not the same person")
        let sameBirth = IDNumber.make(address: "440882", birth: "19400606", sequence: 99)
        #expect(run([Self.payment("P3", sameBirth, name: "黄老伯")], .benDeceased).first?.jsonLine.contains(#""link_basis":"name-birth-village""#) == true)
        #expect(run([Self.payment("P4", sameBirth, name: "黄老伯", village: Self.otherVillage)], .benDeceased).isEmpty, "only within the village")
    }
}
