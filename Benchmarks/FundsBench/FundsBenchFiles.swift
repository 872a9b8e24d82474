import BenchmarkSupport
import Foundation
import VillageWatchCore
import VillageWatchDemo

/// The canonical CSVs of one run: the demo county's areas and bank accounts, and the requested
/// number of transactions over a fixed window (so every run loads the same bytes).
struct FundsBenchFiles {
    static let window = DemoBankFlows(endMonth: CalendarDate(year: 2026, month: 6, day: 1)!, transactions: 0)

    let directory: URL
    let accounts: Int
    let transactions: Int
    let seconds: Double
    let megabytes: Double

    func url(_ dataset: String) -> URL { directory.appendingPathComponent(dataset + ".csv") }

    static func generate(villages: [DemoVillage], transactions: Int, into directory: URL) async throws -> FundsBenchFiles {
        var summary: DemoSummary?
        let bank = DemoBankFlows(endMonth: window.endMonth, months: window.months, transactions: transactions)
        let seconds = try await Measure.seconds {
            summary = try DemoGenerator(villages: villages, scale: .small, bank: bank).generate(into: directory)
        }
        let size = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("bank-transactions.csv").path)[.size] as? Int ?? 0
        return FundsBenchFiles(directory: directory, accounts: summary?.bankAccounts ?? 0, transactions: summary?.bankTransactions ?? 0,
                               seconds: seconds, megabytes: Double(size) / 1_048_576)
    }
}
