import ArgumentParser
import Foundation
import VillageWatchCore
import VillageWatchServer
import VillageWatchSupervision

struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Compare benefit rolls, bank flows, leases and publications with the registries; print or write the findings as JSON Lines.",
        discussion: """
            Findings are stored: one whose code, subject and evidence are unchanged is not raised again, and one that no \
            longer fires is marked resolved. Thresholds come from $VILLAGEWATCH_SCREENING_THRESHOLDS (JSON) or the defaults \
            of IMPORT-FORMATS.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The county, town or village to screen (default: the county).") var area: String?
    @Option(help: "Comma-separated finding codes (default: all), e.g. BEN-DECEASED,BANK-SPLIT.") var codes: String?
    @Option(help: "Write the findings to this file instead of standard output.") var out: String?

    func run() async throws {
        let selected = try parseCodes()
        let started = Date()
        let (findings, outcome) = try await withDatabase(global) { database in
            let county = try await database.read { try await AreaStore($0).county()?.code }
            guard let area = try area.map({ try AreaCode($0).orThrow("unknown area code \($0)") }) ?? county else {
                throw CommandFailure("no areas loaded: run villagewatch migrate")
            }
            return try await ScreeningRun(database: database, thresholds: try ScreeningThresholds.load(), complianceRules: try PlatformServices.complianceRules(),
                                          onPhase: { phase, elapsed in printError(String(format: "%@: %.1f s", phase, elapsed.seconds)) })
                .screen(area, codes: selected, by: commandLineActor)
        }
        let lines = findings.map(\.jsonLine).joined(separator: "\n") + (findings.isEmpty ? "" : "\n")
        if let out {
            try Data(lines.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(Data(lines.utf8))
        }
        printError(String(format: "screened in %.1f s: %d findings (%d new, %d unchanged), %d resolved", Date().timeIntervalSince(started),
                          findings.count, outcome.new, outcome.unchanged, outcome.resolved))
    }

    func parseCodes() throws -> Set<FindingCode> {
        guard let codes else { return Set(FindingCode.allCases) }
        let names = codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw CommandFailure("--codes names no finding code: one or more of \(FindingCode.allCases.map(\.rawValue).joined(separator: ", "))") }
        return Set(try names.map { text in
            try FindingCode(rawValue: text.uppercased())
                .orThrow("unknown finding code '\(text)': one of \(FindingCode.allCases.map(\.rawValue).joined(separator: ", "))")
        })
    }
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw CommandFailure(message) }
        return self
    }
}
