import Foundation
import Testing
import VillageWatchCore
@testable import VillageWatchDemo
import VillageWatchFunds
import VillageWatchServer
import VillageWatchTestSupport

/// The demo's bank flows: deterministic, importable through the real pipeline, balances that
/// chain except where a gap was planted, everyday summaries in their intended categories, and
/// every planted irregularity where the generator says it is.
@Suite struct DemoBankFlowsTests {
    static let flows = DemoBankFlows(endMonth: CalendarDate(year: 2026, month: 6, day: 1)!, transactions: 4_000)
    typealias Table = DemoGeneratorTests.Table

    struct Generated {
        let summary: DemoSummary
        let villages: [DemoVillage]
        let transactions: Table
        let relatives: Table
    }

    /// Six real villages of the division file: enough for one of each planted irregularity.
    static func generate(into directory: URL) throws -> Generated {
        let villages = Array(try DemoInstallation.villages(from: SharedData.divisions).prefix(6))
        let summary = try DemoGenerator(villages: villages, scale: .small, bank: flows).generate(into: directory)
        return Generated(summary: summary, villages: villages, transactions: try Table(try #require(summary.files["bank-transactions"])),
                         relatives: try Table(try #require(summary.files["relatives"])))
    }

    @Test func sameWindowGivesTheSameFilesAndTheRegistryIsUntouched() throws {
        let a = DemoGeneratorTests.temporaryDirectory(), b = DemoGeneratorTests.temporaryDirectory()
        defer { for d in [a, b] { try? FileManager.default.removeItem(at: d) } }
        let first = try Self.generate(into: a)
        let villages = first.villages
        let plain = try DemoGenerator(villages: villages, scale: .small).generate(into: b)
        #expect(try Data(contentsOf: #require(first.summary.files["persons"])) == Data(contentsOf: #require(plain.files["persons"])))
        let again = try DemoGenerator(villages: villages, scale: .small, bank: Self.flows).generate(into: b)
        for key in ["bank-accounts", "bank-transactions"] {
            #expect(try Data(contentsOf: #require(first.summary.files[key])) == Data(contentsOf: #require(again.files[key])))
        }
        #expect(first.summary.bankTransactions == 4_000 && first.transactions.rows.count == 4_000)
        #expect(first.summary.bankAccounts == villages.count + first.summary.groups)
        #expect(Set(first.summary.irregularities.map(\.kind)) == Set(DemoIrregularity.Kind.allCases))
    }

    @Test func balancesChainExceptThePlantedGapAndNeverGoNegative() throws {
        let dir = DemoGeneratorTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.generate(into: dir)
        let t = out.transactions
        let (account, amount, balance, booked) = (t.column("account_number"), t.column("amount"), t.column("balance"), t.column("booked_at"))
        var previous: [String: (balance: Int64, booked: String)] = [:], breaks: [String] = []
        for row in t.rows {
            let value = try #require(Fen(yuan: row[amount])).value, after = try #require(Fen(yuan: row[balance])).value
            #expect(after >= 0 && after - value >= 0 && value != 0)
            if let last = previous[row[account]] {
                #expect(last.booked <= row[booked])
                if last.balance + value != after { breaks.append(row[account]) }
            }
            previous[row[account]] = (after, row[booked])
        }
        #expect(breaks == out.summary.irregularities.filter { $0.kind == .balanceGap }.map(\.account))
        #expect(breaks == [DemoBankAccount.village(out.villages[3]).number])
        #expect(t.rows.map { $0[booked] }.allSatisfy { $0 >= "2024-07-01" && $0 < "2026-07-01" })
    }

    @Test func plantedIrregularitiesAreThereAndOnlyThere() throws {
        let dir = DemoGeneratorTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.generate(into: dir)
        let t = out.transactions
        let (id, amount, channel, name, summary) = (t.column("transaction_id"), t.column("amount"), t.column("channel"),
                                                    t.column("counterparty_name"), t.column("summary"))
        func planted(_ kind: DemoIrregularity.Kind) -> Set<String> {
            Set(out.summary.irregularities.filter { $0.kind == kind }.flatMap(\.transactionIDs))
        }
        let out_ = t.rows.filter { $0[amount].hasPrefix("-") }
        let cash = out_.filter { $0[channel] == "现金" && Fen(yuan: $0[amount])!.value < -200_000 }
        #expect(Set(cash.map { $0[id] }) == planted(.cashWithdrawal) && cash.count == 1)
        let relatives = Set(out.relatives.rows.map { $0[out.relatives.column("relative_name")] })
        let toRelatives = out_.filter { relatives.contains($0[name]) && !$0[summary].contains("工资") && !$0[summary].contains("误工补贴") }
        #expect(Set(toRelatives.map { $0[id] }) == planted(.paymentToRelative))
        let split = t.rows.filter { planted(.splitPayment).contains($0[id]) }
        let amounts = split.map { -Fen(yuan: $0[amount])!.value }
        #expect(split.count == 3 && Set(split.map { $0[name] }).count == 1)
        #expect(amounts.allSatisfy { $0 < 500_000 } && amounts.reduce(0, +) >= 500_000)
        let days = split.compactMap { CalendarDate(parsing: String($0[t.column("booked_at")].prefix(10)))?.dayNumber }
        #expect(days.max()! - days.min()! <= 7)
        #expect(planted(.balanceGap).count == 1 && !t.rows.contains { planted(.balanceGap).contains($0[id]) && $0[t.column("account_number")] == out.summary.irregularities.first { $0.kind == .balanceGap }!.account })
    }

    @Test func everydayFlowsLandInTheirCategories() throws {
        let dir = DemoGeneratorTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try Self.generate(into: dir).transactions
        var categories: [FundsCategory: Int] = [:]
        for row in t.rows {
            let facts = ClassificationRules.Facts(amountFen: Fen(yuan: row[t.column("amount")])!.value, summary: row[t.column("summary")],
                                                  purpose: row[t.column("purpose")], counterpartyName: row[t.column("counterparty_name")],
                                                  channel: row[t.column("channel")])
            let category = ClassificationRules.defaults.classify(facts)
            categories[category, default: 0] += 1
            if category == .otherExpense { #expect(["取现", "劳务费"].contains(row[t.column("summary")])) }
            #expect(category != .otherIncome, "\(row)")
        }
        for expected in [FundsCategory.leaseIncome, .transferIn, .interestIncome, .wages, .works, .office, .publicWelfare, .bankFees, .subsidyIncome] {
            #expect(categories[expected, default: 0] > 0, "no \(expected.rawValue)")
        }
    }

    @Test(arguments: TestEngine.available)
    func theFlowsImportThroughThePipelineAndOnlyThePlantedGapIsReported(_ engine: TestEngine) async throws {
        let dir = DemoGeneratorTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.generate(into: dir)
        try await withTestDatabase(engine) { db in
            let pipeline = ImportPipeline(database: db)
            var last: ImportReport?
            for name in ["areas", "persons", "cadres", "relatives", "bank-accounts", "bank-transactions"] {
                last = try await pipeline.run(any: try Platform.dataset(named: name), file: try #require(out.summary.files[name]),
                                              options: ImportOptions(), by: .system)
                #expect(last?.outcome == .committed, "\(name): \(last?.problems.prefix(3) ?? [])")
            }
            #expect(last?.rowsInserted == 4_000)
            let gap = try #require(out.summary.irregularities.first { $0.kind == .balanceGap })
            #expect(last?.warnings.count == 1)
            #expect(last?.warnings.first?.reason.contains(gap.account) == true)
        }
    }
}
