import Foundation
import VillageWatchCore

/// How big the synthetic county is.
public enum DemoScale: String, Sendable, CaseIterable {
    /// About 30 residents per village group (≈ 80,000 for Leizhou's 2,687 groups).
    case small
    /// About 558 residents per village group (≈ 1.5 million, Leizhou's real size).
    case county

    /// The mean number of residents generated per village group.
    public var personsPerGroup: Int {
        switch self {
        case .small: 30
        case .county: 558
        }
    }
}

/// A village-level unit (村委会/居委会) the demo populates: a 12-digit code from the real
/// division list and its name.
public struct DemoVillage: Sendable, Hashable {
    public let code: String
    public let name: String
    /// The town or subdistrict (镇/街道) it belongs to; names the town government that pays
    /// transfers into the village's account. Empty when unknown.
    public let town: String

    public init(code: String, name: String, town: String = "") {
        self.code = code
        self.name = name
        self.town = town
    }

    /// Urban units (居委会, 社区, the development zone's 生活区) get fewer, 居民小组-style groups.
    var isUrban: Bool {
        name.contains("社区") || name.hasSuffix("居委会") || name.hasSuffix("居委") || name.hasSuffix("生活区")
    }
}

/// What `DemoGenerator.generate(into:)` wrote.
public struct DemoSummary: Sendable {
    /// Village groups (rows of areas.csv).
    public let groups: Int
    /// Distinct household IDs in persons.csv.
    public let households: Int
    /// Rows of persons.csv.
    public let persons: Int
    /// Rows of cadres.csv (a 一肩挑 secretary-and-director counts twice).
    public let cadres: Int
    /// Rows of relatives.csv.
    public let relatives: Int
    /// ID numbers in persons.csv written with a wrong check digit on purpose.
    public let invalidIDNumbers: Int
    /// Rows of bank-accounts.csv and bank-transactions.csv (0 without bank flows).
    public let bankAccounts: Int
    public let bankTransactions: Int
    /// The irregularities planted in the bank flows (see `DemoBankPlan`).
    public let irregularities: [DemoIrregularity]
    /// Rows of benefits.csv and contracts.csv (0 without supervision data).
    public let payments: Int
    public let leases: Int
    /// The cases planted for the supervision rules and their near-misses (planted.csv).
    public let cases: [DemoCase]
    /// The files written, keyed "areas", "persons", "cadres", "relatives"; with bank flows
    /// "bank-accounts" and "bank-transactions"; with supervision data the keys of
    /// `DemoSupervisionWriter.files` (the dataset names `villagewatch import` takes, and "planted").
    public let files: [String: URL]

    init(_ counts: DemoCounts, files: [String: URL]) {
        groups = counts.groups
        households = counts.households
        persons = counts.persons
        cadres = counts.cadres
        relatives = counts.relatives
        invalidIDNumbers = counts.invalidIDNumbers
        bankAccounts = counts.bankAccounts
        bankTransactions = counts.bankTransactions
        irregularities = counts.irregularities
        payments = counts.payments
        leases = counts.leases
        cases = counts.cases
        self.files = files
    }
}

/// Input the generator cannot work with.
public enum DemoGeneratorError: Error, CustomStringConvertible, Equatable {
    case notAVillageCode(String)
    case duplicateVillageCode(String)
    case bankFilesNotOpen
    case fileNotOpen(String)

    public var description: String {
        switch self {
        case .notAVillageCode(let code): "not a 12-digit village-level code: \(code)"
        case .duplicateVillageCode(let code): "village code given twice: \(code)"
        case .bankFilesNotOpen: "bank flows asked for but their files are not open"
        case .fileNotOpen(let key): "\(key).csv asked for but not open"
        }
    }
}

/// The deterministic synthetic county of Leizhou (雷州市, 440882): village groups, households
/// and residents, village cadres and their declared relatives, written as the canonical
/// areas.csv, persons.csv, cadres.csv and relatives.csv; with `bank`, also an account for
/// every village and group and their flows over the window (bank-accounts.csv,
/// bank-transactions.csv), irregularities planted as `DemoBankPlan` describes.
///
/// The same villages, scale and seed always give byte-identical files. Villages are processed
/// one at a time, so memory stays at one village's population plus the ID-number counters.
public struct DemoGenerator: Sendable {
    public let villages: [DemoVillage]
    public let scale: DemoScale
    public let seed: UInt64
    public let bank: DemoBankFlows?
    public let supervision: DemoSupervisionData?

    /// Leizhou's 485 village-level units have 2,687 village groups.
    static let referenceVillages = 485, referenceGroups = 2687
    /// Share of residents (outside cadres) given a deliberately wrong check digit.
    static let invalidIDShare = 0.002
    /// Share of adults with a mobile number.
    static let phoneShare = 0.7

    public init(villages: [DemoVillage], scale: DemoScale, seed: UInt64 = 440882, bank: DemoBankFlows? = nil,
                supervision: DemoSupervisionData? = nil) {
        self.villages = villages
        self.scale = scale
        self.seed = seed
        self.bank = bank
        self.supervision = supervision
    }

    /// The number of village groups for `villageCount` villages: 2,687 for Leizhou's 485, and
    /// the same ratio (≈ 5.54 per village, rounded) otherwise.
    static func totalGroups(villageCount n: Int) -> Int {
        guard n > 0 else { return 0 }
        return max(n, (n * referenceGroups + referenceVillages / 2) / referenceVillages)
    }

    /// Groups per village: weights (rural 1.0, urban 0.75, each jittered ×0.6–1.4 from the
    /// seed and the village code), apportioned by largest remainder so the total is exact.
    func groupCounts() -> [Int] {
        let total = Self.totalGroups(villageCount: villages.count)
        guard total > 0 else { return [] }
        let weights = villages.map { v -> Double in
            var rng = DemoRandom(seed: seed, label: "group-weight/" + v.code)
            return (v.isUrban ? 0.75 : 1.0) * (0.6 + 0.8 * rng.unit())
        }
        let sum = weights.reduce(0, +)
        let shares = weights.map { $0 / sum * Double(total) }
        var counts = shares.map { max(1, min(999, Int($0.rounded(.down)))) }
        var diff = total - counts.reduce(0, +)
        // Hand out (or take back) the difference by largest (smallest) remainder, ties by order.
        let order = shares.indices.sorted { a, b in
            let ra = shares[a] - shares[a].rounded(.down), rb = shares[b] - shares[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while diff > 0 {
            let v = order[i % order.count]
            if counts[v] < 999 { counts[v] += 1; diff -= 1 }
            i += 1
        }
        i = order.count - 1
        while diff < 0 {
            let v = order[(i % order.count + order.count) % order.count]
            if counts[v] > 1 { counts[v] -= 1; diff += 1 }
            i -= 1
        }
        return counts
    }

    /// Writes areas.csv, persons.csv, cadres.csv and relatives.csv into `directory`, creating
    /// it if needed (with the bank and supervision files when asked for), and returns the counts.
    public func generate(into directory: URL) throws -> DemoSummary {
        var seen = Set<String>()
        for v in villages {
            guard let code = AreaCode(v.code), code.level == .village else { throw DemoGeneratorError.notAVillageCode(v.code) }
            guard seen.insert(code.text).inserted else { throw DemoGeneratorError.duplicateVillageCode(v.code) }
        }
        let names = ["areas", "persons", "cadres", "relatives"] + (bank == nil ? [] : ["bank-accounts", "bank-transactions"])
        var paths = names.map { ($0, $0 + ".csv") }
        if supervision != nil { paths += DemoSupervisionWriter.files }
        let files = Dictionary(uniqueKeysWithValues: paths.map { ($0.0, directory.appendingPathComponent($0.1)) })
        for file in files.values {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let output = try DemoOutput(files: files)
        do {
            let counts = try write(to: output)
            try output.close()
            return DemoSummary(counts, files: files)
        } catch {
            output.closeQuietly()
            throw error
        }
    }

    private func write(to output: DemoOutput) throws -> DemoCounts {
        try output.areas.write(["code", "name", "level", "parent_code"])
        try output.persons.write(["id_number", "name", "household_id", "group_code", "relation_to_head", "gender", "phone"])
        try output.cadres.write(["id_number", "name", "village_code", "position", "term_start", "term_end"])
        try output.relatives.write(["cadre_id_number", "relative_id_number", "relative_name", "relationship"])

        var counts = DemoCounts()
        var ids = DemoIDAllocator(seed: DemoRandom.mix(seed, DemoRandom.hash("id-numbers")))
        let groupCounts = groupCounts()
        var bankWriter = try bank.map { try DemoBankWriter(flows: $0, plan: DemoBankPlan(villages: villages, groupCounts: groupCounts,
                                                                                         transactions: $0.transactions, seed: seed),
                                                           output: output, seed: seed) }
        var supervisionWriter = try supervision.map { try DemoSupervisionWriter(data: $0, bank: bank, output: output, seed: seed) }
        for (index, village) in villages.enumerated() {
            var builder = DemoVillageBuilder(village: village, groupCount: groupCounts[index],
                                             personsPerGroup: scale.personsPerGroup,
                                             rng: DemoRandom(seed: seed, label: "village/" + village.code))
            builder.populate()
            builder.appointCadres()
            builder.declareRelatives()
            builder.assignIDNumbers(&ids, invalidShare: Self.invalidIDShare, counts: &counts)
            try builder.write(to: output, phoneShare: Self.phoneShare, counts: &counts)
            let scripted = try supervisionWriter?.write(builder, villageIndex: index, counts: &counts) ?? []
            for planted in try bankWriter?.write(builder.roster, villageIndex: index, scripted: scripted, counts: &counts) ?? [] {
                try supervisionWriter?.record(planted, counts: &counts)
            }
        }
        return counts
    }
}

struct DemoCounts {
    var groups = 0, households = 0, persons = 0, cadres = 0, relatives = 0, invalidIDNumbers = 0
    var bankAccounts = 0, bankTransactions = 0
    var irregularities: [DemoIrregularity] = []
    var payments = 0, leases = 0
    var cases: [DemoCase] = []
}

/// The CSV writers, opened together and closed together, by file key.
final class DemoOutput {
    private var writers: [String: CSVWriter] = [:]

    init(files: [String: URL]) throws {
        do {
            for (key, url) in files.sorted(by: { $0.key < $1.key }) { writers[key] = try CSVWriter(url: url) }
        } catch {
            closeQuietly()
            throw error
        }
    }

    func writer(_ key: String) throws -> CSVWriter {
        guard let writer = writers[key] else { throw DemoGeneratorError.fileNotOpen(key) }
        return writer
    }

    var areas: CSVWriter { writers["areas"]! }
    var persons: CSVWriter { writers["persons"]! }
    var cadres: CSVWriter { writers["cadres"]! }
    var relatives: CSVWriter { writers["relatives"]! }
    var bankAccounts: CSVWriter? { writers["bank-accounts"] }
    var bankTransactions: CSVWriter? { writers["bank-transactions"] }

    func close() throws {
        var firstError: (any Error)?
        for w in writers.values {
            do { try w.close() } catch { if firstError == nil { firstError = error } }
        }
        writers = [:]
        if let firstError { throw firstError }
    }

    func closeQuietly() {
        for w in writers.values { try? w.close() }
        writers = [:]
    }
}
