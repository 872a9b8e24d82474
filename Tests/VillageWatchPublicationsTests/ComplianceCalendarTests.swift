import Foundation
import Testing
@testable import VillageWatchPublications
import VillageWatchCore

/// The compliance calendar of 三公开: due dates, statuses, matching of amended versions, 五议
/// display periods, scores and rankings, and county rules from JSON.
@Suite struct ComplianceCalendarTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
    static func period(_ text: String) -> PublicationPeriod { PublicationPeriod(parsing: text)! }

    static func regular(_ id: Int64, _ kind: PublicationKind, _ period: String, on published: String, publication: Int64? = nil) -> PublishedItem {
        PublishedItem(id: id, publicationID: publication, kind: kind, category: .regular, period: Self.period(period), publishedOn: day(published))
    }

    let calendar = ComplianceCalendar()

    /// The obligations of one kind and category, for compact assertions.
    func owed(_ items: [PublishedItem], from: String, through today: String, _ kind: PublicationKind? = nil,
              _ category: PublicationCategory = .regular) -> [Obligation] {
        calendar.obligations(items: items, from: Self.period(from), through: Self.day(today))
            .filter { (kind == nil || $0.kind == kind) && $0.category == category }
    }

    // MARK: Due dates

    @Test func decemberIsDueOnJanuaryTenthAndQ4OnJanuaryFifteenth() {
        let rules = ComplianceRules.defaults
        #expect(calendar.dueDate(of: Self.period("2026-12"), rule: rules.finance) == Self.day("2027-01-10"))
        #expect(calendar.dueDate(of: Self.period("2026-Q4"), rule: rules.village) == Self.day("2027-01-15"))
        #expect(calendar.dueDate(of: Self.period("2026-Q4"), rule: rules.party) == Self.day("2027-01-15"))
        #expect(calendar.dueDate(of: Self.period("2026-10"), rule: rules.finance) == Self.day("2026-11-10"))

        let owed = calendar.obligations(items: [], from: Self.period("2026-10"), through: Self.day("2027-01-05"))
        #expect(owed.map(\.label) == [
            "2026年10月财务公开", "2026年11月财务公开", "2026年12月财务公开", "2026年第4季度党务公开", "2026年第4季度村务公开",
        ])
        #expect(owed.map(\.dueOn.description) == ["2026-11-10", "2026-12-10", "2027-01-10", "2027-01-15", "2027-01-15"])
    }

    @Test func onlyWholeEndedPeriodsInsideTheWindowAreOwed() {
        // From August: Q3 began before the window and is left out; October has not ended yet.
        let owed = owed([], from: "2026-08", through: "2026-10-31")
        #expect(owed.map(\.period.description) == ["2026-08", "2026-09"])
        #expect(self.owed([], from: "2026-07", through: "2026-10-01").filter { $0.kind == .village }.map(\.period.description) == ["2026-Q3"])
        #expect(self.owed([], from: "2026-07", through: "2026-09-30").filter { $0.kind == .village }.isEmpty)
    }

    // MARK: Statuses

    @Test func onTimeLateOverdueAndPending() throws {
        let items = [
            Self.regular(1, .finance, "2026-07", on: "2026-08-10"),  // on the due day
            Self.regular(2, .finance, "2026-08", on: "2026-09-13"),  // three days late
            // 2026-09: nothing, due 2026-10-10
            Self.regular(3, .village, "2026-Q3", on: "2026-09-30"),  // before the quarter even ended
        ]
        let owed = owed(items, from: "2026-07", through: "2026-10-14")
        let byLabel = Dictionary(uniqueKeysWithValues: owed.map { ($0.label, $0) })
        #expect(byLabel["2026年7月财务公开"]?.status == .onTime)
        #expect(byLabel["2026年7月财务公开"]?.itemID == 1)
        let late = try #require(byLabel["2026年8月财务公开"])
        #expect(late.status == .late(days: 3) && late.lateDays == 3 && !late.isFinding && late.fulfilledOn == Self.day("2026-09-13"))
        let overdue = try #require(byLabel["2026年9月财务公开"])
        #expect(overdue.status == .overdue(days: 4) && overdue.isFinding && overdue.lateDays == 4 && overdue.fulfilledOn == nil)
        #expect(Obligation.overdueFindingCode == "PUB-OVERDUE")
        #expect(byLabel["2026年第3季度村务公开"]?.status == .onTime)
        let pending = try #require(byLabel["2026年第3季度党务公开"])
        #expect(pending.status == .pending && !pending.isFinding && !pending.isDue && pending.dueOn == Self.day("2026-10-15"))
        #expect(late.status.chineseName == "逾期3天公开" && overdue.status.chineseName == "逾期4天未公开" && pending.status.chineseName == "未到期")
    }

    @Test func theDueDayItselfIsStillPending() {
        #expect(owed([], from: "2026-09", through: "2026-10-10", .finance).map(\.status) == [.pending])
        #expect(owed([], from: "2026-09", through: "2026-10-11", .finance).map(\.status) == [.overdue(days: 1)])
    }

    @Test func itemsPublishedAfterTheEvaluationDayAreNotYetKnown() {
        let items = [Self.regular(1, .finance, "2026-09", on: "2026-10-20")]
        #expect(owed(items, from: "2026-09", through: "2026-10-15", .finance).map(\.status) == [.overdue(days: 5)])
        #expect(owed(items, from: "2026-09", through: "2026-10-20", .finance).map(\.status) == [.late(days: 10)])
    }

    @Test func theEarliestOfSeveralVersionsCounts() {
        // Published late, then amended: the amendment does not make it look on time...
        let lateThenAmended = [Self.regular(7, .finance, "2026-09", on: "2026-10-25"), Self.regular(5, .finance, "2026-09", on: "2026-10-12")]
        #expect(owed(lateThenAmended, from: "2026-09", through: "2026-10-31", .finance).map(\.status) == [.late(days: 2)])
        #expect(owed(lateThenAmended, from: "2026-09", through: "2026-10-31", .finance).map(\.itemID) == [5])
        // ...and an amendment of a timely publication does not make it late.
        let onTimeThenAmended = [Self.regular(8, .village, "2026-Q3", on: "2026-10-03", publication: 3),
                                 Self.regular(9, .village, "2026-Q3", on: "2026-11-20", publication: 3)]
        #expect(owed(onTimeThenAmended, from: "2026-07", through: "2026-12-01", .village).map(\.status) == [.onTime])
        #expect(owed(onTimeThenAmended, from: "2026-07", through: "2026-12-01", .village).map(\.itemID) == [8])
    }

    @Test func itemsForOtherPeriodsKindsOrCategoriesDoNotCount() {
        let items = [
            Self.regular(1, .village, "2026-09", on: "2026-10-01"),  // a month, but village affairs are quarterly
            Self.regular(2, .party, "2026-Q3", on: "2026-10-01"),
            PublishedItem(id: 3, kind: .village, category: .benefitList, period: Self.period("2026-Q3"), publishedOn: Self.day("2026-10-01")),
        ]
        #expect(owed(items, from: "2026-07", through: "2026-10-20", .village).map(\.status) == [.overdue(days: 5)])
        #expect(owed(items, from: "2026-07", through: "2026-10-20", .party).map(\.status) == [.onTime])
    }

    // MARK: Decisions

    @Test func majorMatterIsDueFiveDaysAfterTheDecision() {
        let items = [
            PublishedItem(id: 1, kind: .village, category: .major, decidedOn: Self.day("2026-10-08"), publishedOn: Self.day("2026-10-16")),
            PublishedItem(id: 2, kind: .finance, category: .major, decidedOn: Self.day("2026-10-20"), publishedOn: Self.day("2026-10-25")),
            // An amendment of the first, weeks later, with no publication id: grouped by its decision date.
            PublishedItem(id: 3, kind: .village, category: .major, decidedOn: Self.day("2026-10-08"), publishedOn: Self.day("2026-11-20")),
            // Decided before the window.
            PublishedItem(id: 4, kind: .village, category: .major, decidedOn: Self.day("2026-09-30"), publishedOn: Self.day("2026-10-30")),
        ]
        let majors = owed(items, from: "2026-10", through: "2026-12-01", nil, .major)
        #expect(majors.map(\.label) == ["重大事项：2026年10月8日决定", "重大事项：2026年10月20日决定"])
        #expect(majors.map(\.dueOn) == [Self.day("2026-10-13"), Self.day("2026-10-25")])
        #expect(majors.map(\.status) == [.late(days: 3), .onTime])
        #expect(majors.map(\.itemID) == [1, 2])
        #expect(majors.map(\.period) == [Self.period("2026-10"), Self.period("2026-10")])
    }

    @Test func proposalDisplayedTenDaysBeforeTheVoteIsFiveDaysLate() {
        let items = [
            PublishedItem(id: 1, publicationID: 1, kind: .village, category: .proposal, voteOn: Self.day("2026-11-20"), publishedOn: Self.day("2026-11-10")),
            PublishedItem(id: 2, publicationID: 2, kind: .village, category: .proposal, voteOn: Self.day("2026-12-20"), publishedOn: Self.day("2026-12-05")),
        ]
        let proposals = owed(items, from: "2026-11", through: "2026-12-10", nil, .proposal)
        #expect(proposals.map(\.label) == ["五议提议：2026年11月20日表决", "五议提议：2026年12月20日表决"])
        #expect(proposals.map(\.dueOn) == [Self.day("2026-11-05"), Self.day("2026-12-05")])
        #expect(proposals.map(\.status) == [.late(days: 5), .onTime])
    }

    @Test func resolutionIsDueFiveDaysAfterTheVoteAndDisplayedThreeDays() {
        let vote = Self.day("2026-11-20")
        func resolution(_ id: Int64, on published: String, withdrawn: String? = nil) -> PublishedItem {
            PublishedItem(id: id, publicationID: id, kind: .village, category: .resolution, voteOn: vote,
                          publishedOn: Self.day(published), withdrawnOn: withdrawn.map(Self.day))
        }
        func proposal(_ id: Int64, withdrawn: String? = nil) -> PublishedItem {
            PublishedItem(id: id, publicationID: id, kind: .village, category: .proposal, voteOn: vote,
                          publishedOn: Self.day("2026-11-01"), withdrawnOn: withdrawn.map(Self.day))
        }
        func statuses(_ items: [PublishedItem], through today: String = "2026-12-31") -> [Obligation.Status] {
            owed(items, from: "2026-11", through: today, nil, .resolution).map(\.status)
        }
        #expect(statuses([proposal(1), resolution(2, on: "2026-11-25")]) == [.onTime])
        #expect(owed([proposal(1), resolution(2, on: "2026-11-25")], from: "2026-11", through: "2026-12-31", nil, .resolution).map(\.label) == ["五议决议：2026年11月20日表决"])
        #expect(statuses([proposal(1), resolution(2, on: "2026-11-27")]) == [.late(days: 2)])
        // Taken down after one day: two days short of the three-day display.
        #expect(statuses([proposal(1), resolution(2, on: "2026-11-22", withdrawn: "2026-11-23")]) == [.late(days: 2)])
        #expect(statuses([proposal(1), resolution(2, on: "2026-11-22", withdrawn: "2026-11-25")]) == [.onTime])
        // Published late and taken down early: both count.
        #expect(statuses([proposal(1), resolution(2, on: "2026-11-27", withdrawn: "2026-11-28")]) == [.late(days: 4)])
        // A standing proposal owes a resolution: pending through vote + 5, then overdue.
        #expect(statuses([proposal(1)], through: "2026-11-25") == [.pending])
        #expect(statuses([proposal(1)], through: "2026-11-28") == [.overdue(days: 3)])
        // A proposal withdrawn before the vote called it off: no resolution is owed.
        #expect(statuses([proposal(1, withdrawn: "2026-11-15")]).isEmpty)
        // A resolution whose proposal was never displayed reveals an overdue proposal.
        let missing = owed([resolution(2, on: "2026-11-22")], from: "2026-11", through: "2026-11-30", nil, .proposal)
        #expect(missing.map(\.status) == [.overdue(days: 25)])
        #expect(missing.first?.isFinding == true && missing.first?.fulfilledOn == nil && missing.first?.dueOn == Self.day("2026-11-05"))
    }

    // MARK: Scores and ranking

    static func obligation(_ status: Obligation.Status, due: String = "2026-11-10") -> Obligation {
        Obligation(kind: .finance, category: .regular, label: "x", period: period("2026-10"), dueOn: day(due), fulfilledOn: nil, itemID: nil, status: status)
    }

    @Test func scoreAveragesTheDueObligations() {
        #expect(ComplianceScore.score([]) == 100)
        #expect(ComplianceScore.score([Self.obligation(.pending)]) == 100)
        #expect(ComplianceScore.score([Self.obligation(.onTime), Self.obligation(.overdue(days: 3))]) == 50)
        // late 3 days earns 0.9; late 45 earns nothing; pending is left out.
        #expect(ComplianceScore.score([Self.obligation(.onTime), Self.obligation(.late(days: 3)), Self.obligation(.pending)]) == 95)
        #expect(ComplianceScore.score([Self.obligation(.late(days: 45))]) == 0)
        // (1 + 1 + 0) / 3 = 66.67 → 67
        #expect(ComplianceScore.score([Self.obligation(.onTime), Self.obligation(.onTime), Self.obligation(.overdue(days: 1))]) == 67)
        // 1 - 15/30 = 0.5 → 50; (1 + 0.5 + 0 + 0) / 4 = 37.5 → 38 (half up)
        #expect(ComplianceScore.score([Self.obligation(.onTime), Self.obligation(.late(days: 15)), Self.obligation(.overdue(days: 1)), Self.obligation(.overdue(days: 2))]) == 38)
    }

    @Test func monthlyScoresGoByDueMonth() {
        let obligations = [
            Self.obligation(.onTime, due: "2026-11-10"), Self.obligation(.late(days: 6), due: "2026-11-15"),
            Self.obligation(.overdue(days: 2), due: "2026-12-10"), Self.obligation(.pending, due: "2026-12-15"),
        ]
        let months = PublicationPeriod.months(from: Self.period("2026-10"), to: Self.period("2026-12"))
        let monthly = ComplianceScore.monthly(obligations, months: months)
        #expect(monthly.map(\.month.description) == ["2026-10", "2026-11", "2026-12"])
        #expect(monthly.map(\.score) == [100, 90, 0])
        #expect(monthly.map(\.due) == [0, 2, 1])
        #expect(monthly.map(\.onTime) == [0, 1, 0] && monthly.map(\.late) == [0, 1, 0] && monthly.map(\.overdue) == [0, 0, 1])
    }

    @Test func rankingTiesShareARank() {
        let ranking = ComplianceScore.ranking(["白沙村": 90, "东村": 100, "西村": 90, "南村": 80, "北村": 90])
        #expect(ranking.map(\.score) == [100, 90, 90, 90, 80])
        #expect(ranking.map(\.rank) == [1, 2, 2, 2, 5])
        #expect(ranking.map(\.key) == ["东村", "北村", "白沙村", "西村", "南村"], "equal scores by key")
        #expect(ComplianceScore.ranking(["a": 100, "b": 95, "c": 95, "d": 60]).map(\.rank) == [1, 2, 2, 4])
        #expect(ComplianceScore.ranking([:]).isEmpty)
    }

    // MARK: Periods

    @Test func leapYearFebruary() {
        let february = Self.period("2028-02")
        #expect(february.lastDay == Self.day("2028-02-29"))
        #expect(Self.period("2027-02").lastDay == Self.day("2027-02-28"))
        #expect(february.contains(Self.day("2028-02-29")) && !february.contains(Self.day("2028-03-01")))
        #expect(calendar.dueDate(of: february, rule: ComplianceRules.defaults.finance) == Self.day("2028-03-10"))
        #expect(Self.day("2028-02-28").days(to: Self.day("2028-03-01")) == 2)
        #expect(Self.day("2027-02-28").days(to: Self.day("2027-03-01")) == 1)
        // February 2028 is owed from 1 March, not from the 29th's eve.
        #expect(owed([], from: "2028-02", through: "2028-02-29", .finance).isEmpty)
        #expect(owed([], from: "2028-02", through: "2028-03-01", .finance).map(\.period) == [february])
        // A county rule of "by the 30th" falls on the last day of February.
        let endOfMonth = ComplianceRules.Regular(cadence: .monthly, dueDay: 30)
        #expect(calendar.dueDate(of: Self.period("2028-01"), rule: endOfMonth) == Self.day("2028-02-29"))
        #expect(calendar.dueDate(of: Self.period("2027-01"), rule: endOfMonth) == Self.day("2027-02-28"))
        // Overdue days run through the 29th.
        let items: [PublishedItem] = []
        #expect(owed(items, from: "2028-01", through: "2028-03-01", .finance).map(\.status) == [.overdue(days: 20), .pending])
    }

    @Test func dayArithmeticAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = calendar.date(from: DateComponents(year: 1970, month: 1, day: 1))!
        for text in ["1970-01-01", "1999-12-31", "2000-02-29", "2026-10-08", "2100-03-01", "1900-02-28"] {
            let date = Self.day(text)
            let foundation = calendar.dateComponents([.day], from: epoch, to: calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!).day!
            #expect(date.dayNumber == foundation, "\(text)")
            #expect(CalendarDate(dayNumber: foundation) == date)
        }
        #expect(Self.day("2027-01-10").adding(days: -15) == Self.day("2026-12-26"))
    }

    @Test func periodsParseAndPrintRoundTrip() throws {
        for text in ["2026-10", "2026-01", "2026-12", "2026-Q1", "2026-Q3", "2026-Q4"] {
            #expect(PublicationPeriod(parsing: text)?.description == text)
        }
        #expect(PublicationPeriod(parsing: "2026-1")?.description == "2026-01")
        #expect(PublicationPeriod(parsing: " 2026-q3 ")?.description == "2026-Q3")
        for bad in ["", "2026", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "26-10", "2026-10-01", "2026/10", "2026-Q", "2026-100", "２０２６-10"] {
            #expect(PublicationPeriod(parsing: bad) == nil, "\(bad)")
        }
        let q3 = Self.period("2026-Q3")
        #expect(q3.firstDay == Self.day("2026-07-01") && q3.lastDay == Self.day("2026-09-30"))
        #expect(q3.contains(Self.day("2026-08-15")) && !q3.contains(Self.day("2026-10-01")))
        #expect(q3.next.description == "2026-Q4" && Self.period("2026-Q4").next.description == "2027-Q1")
        #expect(Self.period("2026-12").next.description == "2027-01" && Self.period("2027-01").previous.description == "2026-12")
        #expect(Self.period("2027-Q1").previous.description == "2026-Q4")
        #expect(q3.chineseName == "2026年第3季度" && Self.period("2026-10").chineseName == "2026年10月")
        #expect(Self.period("2026-07") < q3 && q3 < Self.period("2026-08") && Self.period("2026-12") < Self.period("2027-01"))
        #expect(PublicationPeriod.months(from: Self.period("2026-11"), to: Self.period("2027-02")).map(\.description) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(PublicationPeriod.quarters(from: Self.period("2026-08"), to: Self.period("2027-01")).map(\.description) == ["2026-Q3", "2026-Q4", "2027-Q1"])
        #expect(PublicationPeriod.months(from: Self.period("2026-11"), to: Self.period("2026-10")).isEmpty)
        #expect(PublicationPeriod.month(containing: Self.day("2026-02-14")) == Self.period("2026-02"))
        #expect(PublicationPeriod.quarter(containing: Self.day("2026-12-31")) == Self.period("2026-Q4"))

        let periods = [Self.period("2026-10"), q3]
        let json = try JSONEncoder().encode(periods)
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-10","2026-Q3"]"#)
        #expect(try JSONDecoder().decode([PublicationPeriod].self, from: json) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PublicationPeriod].self, from: Data(#"["2026-13"]"#.utf8)) }
    }

    @Test func kindAndCategoryNames() {
        #expect(PublicationKind.allCases.map(\.chineseName) == ["党务公开", "村务公开", "财务公开"])
        #expect(PublicationCategory.allCases.map(\.chineseName) == ["定期公开", "重大事项", "五议提议", "五议决议", "惠民资金及名单", "人事", "项目招投标"])
        #expect(PublicationCategory(rawValue: "benefit-list") == .benefitList)
    }

    // MARK: County rules

    @Test func customRulesFromJSON() throws {
        let json = #"""
        {"finance": {"cadence": "quarterly", "dueDay": 20}, "village": {"cadence": "monthly", "dueDay": 5}, "majorMatterDays": 3}
        """#
        let rules = try JSONDecoder().decode(ComplianceRules.self, from: Data(json.utf8))
        #expect(rules.finance == ComplianceRules.Regular(cadence: .quarterly, dueDay: 20))
        #expect(rules.village == ComplianceRules.Regular(cadence: .monthly, dueDay: 5))
        #expect(rules.party == ComplianceRules.defaults.party, "keys left out keep their defaults")
        #expect(rules.majorMatterDays == 3 && rules.proposalDisplayDays == 15 && rules.resolutionDueDays == 5 && rules.resolutionDisplayDays == 3)

        let calendar = ComplianceCalendar(rules: rules)
        let owed = calendar.obligations(items: [], from: Self.period("2026-07"), through: Self.day("2026-10-06"))
        #expect(owed.filter { $0.kind == .finance }.map(\.label) == ["2026年第3季度财务公开"])
        #expect(owed.filter { $0.kind == .finance }.map(\.dueOn) == [Self.day("2026-10-20")])
        #expect(owed.filter { $0.kind == .finance }.map(\.status) == [.pending])
        #expect(owed.filter { $0.kind == .village }.map(\.label) == ["2026年7月村务公开", "2026年8月村务公开", "2026年9月村务公开"])
        #expect(owed.filter { $0.kind == .village }.map(\.status) == [.overdue(days: 62), .overdue(days: 31), .overdue(days: 1)])

        #expect(try JSONDecoder().decode(ComplianceRules.self, from: Data("{}".utf8)) == .defaults)
        let roundTrip = try JSONDecoder().decode(ComplianceRules.self, from: JSONEncoder().encode(rules))
        #expect(roundTrip == rules)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ComplianceRules.self, from: Data(#"{"finance": {"cadence": "monthly", "dueDay": 0}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ComplianceRules.self, from: Data(#"{"finance": {"cadence": "weekly", "dueDay": 10}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ComplianceRules.self, from: Data(#"{"majorMatterDays": -1}"#.utf8)) }
    }
}
