import Foundation
import Testing
import VillageWatchTestSupport
@testable import VillageWatchFunds

/// Format detection: every shared sample is recognised without naming a profile, and the
/// canonical bank-transactions.csv reads through its built-in profile.
@Suite struct StatementReaderTests {
    static func samples() throws -> [URL] {
        let root = try SharedData.file("data/bank-statements")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { ["sta", "xml", "csv"].contains($0.pathExtension) && !$0.lastPathComponent.contains("wrong") }.sorted { $0.path < $1.path }
    }

    @Test func everySampleIsRecognisedWithoutAProfile() throws {
        let catalog = try BankProfileCatalog.standard(environment: [:])
        let samples = try Self.samples()
        #expect(samples.count >= 35)
        for url in samples {
            let data = try Data(contentsOf: url)
            let result = try StatementReader.parse(data, fileName: url.lastPathComponent, profile: nil, catalog: catalog, strict: false)
            let expected = url.pathExtension == "sta" ? "mt940" : url.pathExtension == "xml" ? "camt053" : "profile"
            #expect(String(describing: result.format).lowercased().contains(expected == "profile" ? "profile" : expected == "mt940" ? "mt940" : "camt.053"),
                    "\(url.lastPathComponent) read as \(result.format)")
        }
    }

    @Test func theCanonicalCSVReadsThroughItsProfile() throws {
        let csv = """
            account_number,transaction_id,booked_at,amount,balance,counterparty_account,counterparty_name,counterparty_bank,channel,summary,purpose
            80020000011111,T0001,2026-09-01 09:30:00,"50,000.00",150000.00,60010001,雷州市财政局,国库,转账,转移支付,村级组织运转经费
            80020000011111,T0002,2026-09-05 14:00:00,-3200.00,146800.00,62170000123,陈志强,雷州农商银行,转账,误工补贴,8月误工补贴
            """
        let result = try StatementReader.parse(Data(csv.utf8), fileName: "bank-transactions.csv", profile: nil,
                                               catalog: try BankProfileCatalog.standard(environment: [:]), strict: false)
        #expect(result.format == .profile("canonical"))
        let transactions = try #require(result.statements.first?.transactions)
        #expect(transactions.map(\.amountMinor) == [5_000_000, -320_000])
        #expect(transactions.map(\.reference) == ["T0001", "T0002"])
        #expect(transactions[1].counterpartyName == "陈志强" && transactions[1].description == "误工补贴 8月误工补贴")
        #expect(result.statements.first?.closingBalance?.amountMinor == 14_680_000)
    }

    @Test func unknownFormatsAndProfilesAreNamed() throws {
        let catalog = try BankProfileCatalog.standard(environment: [:])
        #expect(throws: StatementParseError.self) {
            try StatementReader.parse(Data("hello,world\n1,2\n".utf8), fileName: "x.csv", profile: nil, catalog: catalog, strict: false)
        }
        do {
            _ = try StatementReader.parse(Data(), fileName: "x.csv", profile: "nope", catalog: catalog, strict: false)
            Issue.record("an unknown profile was accepted")
        } catch {
            #expect(error.reason.contains("unknown profile 'nope'") && error.reason.contains("rcb-corporate"))
        }
    }
}
