import Foundation
import VillageWatchCore
import VillageWatchDemo
import VillageWatchFunds
import VillageWatchPublications
import VillageWatchTransparency

/// Two years of a county's publications for the demo: most villages publish on time, some late,
/// some skip periods, a few amend, with major matters and 五议 proposals and resolutions, so the
/// compliance dashboards, rankings and the public log show real patterns. Monthly finance
/// publications are statements generated from each village's bank flows; about one in fifty
/// understates a spending line (a statement that disagrees with the bank), and half of those are
/// later corrected by an amendment. Deterministic.
public struct DemoPublications: Sendable {
    let store: PublicationStore
    let today: CalendarDate
    /// How many months back from last month the villages have published.
    let months: Int
    let seed: UInt64 = 440882
    /// Each village's bank flows (village and groups), from which its statements are made.
    let ledgers: [AreaCode: FundsLedger]

    public init(store: PublicationStore, today: CalendarDate, months: Int = 24, ledgers: [AreaCode: FundsLedger] = [:]) {
        self.store = store
        self.today = today
        self.months = months
        self.ledgers = ledgers
    }

    /// A village's habits: how often it is late or skips a period.
    struct Habit {
        let late: Double, missing: Double, amend: Double
    }

    public func publish(villages: [Area], database: Database, log: @Sendable (String) -> Void) async throws -> Int {
        var count = 0
        for (i, village) in villages.enumerated() {
            var random = DemoRandom(seed: seed, label: "publications-\(village.code.text)")
            let habit = habit(&random)
            let plans = plans(for: village, habit: habit, random: &random)
            count += try await database.transaction { tx in
                let ids = try await store.recordPublished(plans.map { PublicationStore.HistoricalRecord(draft: $0.draft, publishedAt: $0.at) },
                                                          village: village.code, author: "demo-clerk", signedOffBy: "demo-committee", in: tx)
                let amendments = zip(plans, ids).compactMap { plan, id in
                    plan.amendment.map { PublicationStore.HistoricalRecord(draft: $0.draft, publishedAt: $0.at, amending: id, reason: $0.reason) }
                }
                _ = try await store.recordPublished(amendments, village: village.code, author: "demo-clerk", signedOffBy: "demo-committee", in: tx)
                try await recordStatements(plans, ids: ids, village: village.code, tx)
                return ids.count + amendments.count
            }
            if i % 25 == 24 { try await store.log.checkpoint() }
            if i % 100 == 99 { log("published \(count) demo publication versions in \(i + 1) villages") }
        }
        try await store.log.checkpoint()
        return count
    }

    private func habit(_ random: inout DemoRandom) -> Habit {
        switch random.below(20) {
        case 0..<13: Habit(late: 0.05, missing: 0.01, amend: 0.03)
        case 13..<18: Habit(late: 0.3, missing: 0.08, amend: 0.05)
        default: Habit(late: 0.45, missing: 0.3, amend: 0.02)
        }
    }

    struct Plan {
        let draft: PublicationDraft
        let at: Date
        var amendment: (draft: PublicationDraft, at: Date, reason: String)?
        /// For a finance publication: the statement published, and the amendment's.
        var statements: [FinanceStatement] = []
    }

    /// Stores each finance plan's statements with the versions `recordPublished` created.
    private func recordStatements(_ plans: [Plan], ids: [Int64], village: AreaCode, _ tx: DatabaseTransaction) async throws {
        let statements = FinanceStatementStore(publications: store)
        for (plan, id) in zip(plans, ids) where !plan.statements.isEmpty {
            let versions = try await PublicationReader(tx.sql).versions(of: id).sorted { $0.version < $1.version }
            for (statement, version) in zip(plan.statements, versions) {
                try await statements.record(statement, publication: id, version: version.id, village: village, preparedBy: "demo-clerk", in: tx)
            }
        }
    }

    private func plans(for village: Area, habit: Habit, random: inout DemoRandom) -> [Plan] {
        let lastMonth = PublicationPeriod.month(containing: today).previous
        let firstMonth = (0..<(months - 1)).reduce(lastMonth) { period, _ in period.previous }
        var plans: [Plan] = []
        for month in PublicationPeriod.months(from: firstMonth, to: lastMonth) {
            let (published, generated) = financeStatements(month, village: village, random: &random)
            if var plan = regular(.finance, period: month, dueDay: 10, habit: habit, title: published.title,
                                  body: published.bodyHTML(villageName: village.name), random: &random) {
                plan.statements = [published]
                plan.amendment = nil
                if published != generated, random.chance(0.5) {
                    var amended = plan.draft
                    amended.body = generated.bodyHTML(villageName: village.name)
                    plan.amendment = (amended, plan.at.addingTimeInterval(Double(random.int(3...20)) * 86_400), "经核对银行流水，原公开的支出数额有误，予以更正")
                    plan.statements.append(generated)
                }
                plans.append(plan)
            }
            if month.firstDay.month % 3 == 0 {
                let quarter = PublicationPeriod.quarter(containing: month.firstDay)
                for kind in [PublicationKind.village, .party] {
                    if let plan = regular(kind, period: quarter, dueDay: 15, habit: habit, title: "\(quarter.chineseName)\(kind.chineseName)",
                                          body: quarterlyBody(kind, random: &random), random: &random) { plans.append(plan) }
                }
            }
            if random.chance(0.2) { plans.append(contentsOf: decision(in: month, village: village, habit: habit, random: &random)) }
        }
        return plans.filter { $0.at < date(today) }.sorted { $0.at < $1.at }
    }

    private func regular(_ kind: PublicationKind, period: PublicationPeriod, dueDay: Int, habit: Habit, title: String, body: String,
                         random: inout DemoRandom) -> Plan? {
        guard !random.chance(habit.missing) else { return nil }
        let due = CalendarDate(year: period.next.firstDay.year, month: period.next.firstDay.month, day: dueDay)!
        let offset = random.chance(habit.late) ? random.int(1...25) : -random.int(0...8)
        var plan = Plan(draft: PublicationDraft(kind: kind, category: .regular, title: title, body: body, period: period.description),
                        at: date(due, plusDays: offset))
        if random.chance(habit.amend) {
            var amended = plan.draft
            amended.body += "\n\n（更正：第二项金额录入有误，已按原始凭证更正。）"
            plan.amendment = (amended, date(due, plusDays: offset + random.int(2...12)), "原公开内容中一项金额录入错误，按原始凭证更正")
        }
        return plan
    }

    /// The month's statement as the bank flows give it, and as the village published it: now and
    /// then with its largest spending line understated by 5–30 %.
    private func financeStatements(_ period: PublicationPeriod, village: Area, random: inout DemoRandom) -> (published: FinanceStatement, generated: FinanceStatement) {
        let ledger = ledgers[village.code] ?? FundsLedger(entries: [])
        let generated = FinanceStatement.generated(period, from: ledger.month(period), openingFen: ledger.closing(before: period))
        guard random.chance(0.02),
              let largest = generated.lines.filter({ !$0.category.isIncome && $0.amountFen > 0 }).max(by: { $0.amountFen < $1.amountFen }) else {
            return (generated, generated)
        }
        let understated = largest.amountFen * Int64(100 - random.int(5...30)) / 100
        let published = FinanceStatement(period: period, openingFen: generated.openingFen, lines: generated.lines.map {
            $0.category == largest.category ? .init(category: $0.category, amountFen: understated, generatedFen: $0.generatedFen, reason: nil) : $0
        })
        return (published, generated)
    }

    private func decision(in month: PublicationPeriod, village: Area, habit: Habit, random: inout DemoRandom) -> [Plan] {
        let day = CalendarDate(year: month.firstDay.year, month: month.firstDay.month, day: random.int(1...28))!
        let subject = random.pick(["村道硬化工程", "鱼塘发包", "集体厂房出租", "村小学修缮", "饮水安全工程", "光伏发电项目"])
        if random.chance(0.6) {
            let late = random.chance(habit.late)
            return [Plan(draft: PublicationDraft(kind: .village, category: .major, title: "关于\(subject)的决定",
                                                 body: "经村民代表会议讨论，决定实施\(subject)。预算、承建方式和监督人员见附表。", decidedOn: day.description),
                         at: date(day, plusDays: late ? random.int(6...15) : random.int(0...4)))]
        }
        let vote = day
        let proposalLead = random.chance(habit.late) ? random.int(5...14) : random.int(15...25)
        return [
            Plan(draft: PublicationDraft(kind: .village, category: .proposal, title: "五议提议：\(subject)",
                                         body: "党支部提议、两委商议，拟实施\(subject)，现公示征求村民意见，计划于\(vote)提交村民代表会议表决。", voteOn: vote.description),
                 at: date(vote, plusDays: -proposalLead)),
            Plan(draft: PublicationDraft(kind: .village, category: .resolution, title: "五议决议：\(subject)",
                                         body: "村民代表会议于\(vote)表决通过\(subject)，应到\(random.int(30...45))人，同意票过半数。", decidedOn: vote.description),
                 at: date(vote, plusDays: random.int(1...4))),
        ]
    }

    /// The text of a quarterly village or party publication.
    private func quarterlyBody(_ kind: PublicationKind, random: inout DemoRandom) -> String {
        kind == .party
            ? "<p>本季度召开支部党员大会\(random.int(1...3))次、支委会\(random.int(3...6))次，上党课1次；发展党员\(random.int(0...2))名；党费收缴情况已公示。</p>"
            : "<p>本季度办理低保复核、耕地地力保护补贴发放、村道维护等事项，详见明细。</p><ul><li>低保复核\(random.int(3...20))户</li><li>补贴发放\(random.int(100...600))户</li></ul>"
    }

    private func date(_ day: CalendarDate, plusDays days: Int = 0) -> Date {
        var components = DateComponents(year: day.year, month: day.month, day: day.day, hour: 2)
        components.timeZone = TimeZone(identifier: "UTC")
        let calendar = Calendar(identifier: .gregorian)
        return calendar.date(byAdding: .day, value: days, to: calendar.date(from: components)!)!
    }
}
