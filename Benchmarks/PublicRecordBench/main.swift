import BenchmarkSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import VillageWatchCore
import VillageWatchPublications
import VillageWatchServer
import VillageWatchTransparency

// PublicRecordBench: the two costs of issue 3 that grow with a county's history.
//
//   swift run -c release PublicRecordBench [--leaves 1000000] [--months 36]
//
// 1. Proofs on a large log: builds a Merkle tree of N leaves in memory, then times inclusion
//    and consistency proofs (each verified with the RFC 9162 algorithm). Reference, in the same
//    process: recomputing the root from all leaf hashes, which is what answering a proof would
//    cost without the stored subtrees.
// 2. The compliance dashboard of the whole county over M months of publications (the demo's
//    villages and habits), timed as a real request through the router as the discipline
//    commission. Reference: reading the published items alone (the dashboard's database floor).



var leafCount = 1_000_000, months = 36
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--leaves": leafCount = Int(arguments.next() ?? "") ?? leafCount
    case "--months": months = Int(arguments.next() ?? "") ?? months
    default: print("unknown argument \(argument)"); exit(2)
    }
}

// MARK: 1. proofs
let before = Measure.residentMiB
var tree = MerkleTree()
let build = await Measure.seconds {
    for i in 0..<leafCount { tree.append(leafHash: MerkleTree.leafHash(Data("publication-version \(i)".utf8))) }
}
let treeMiB = Measure.residentMiB - before
let root = try tree.root(size: leafCount)
var rng = SystemRandomNumberGenerator()
let samples = 20_000
var verified = 0
let inclusion = try await Measure.seconds {
    for _ in 0..<samples {
        let index = Int.random(in: 0..<leafCount, using: &rng)
        let proof = try tree.inclusionProof(index: index, size: leafCount)
        if MerkleVerification.inclusion(leafHash: tree.leafHash(at: index), index: index, size: leafCount, proof: proof, root: root) { verified += 1 }
    }
}
let consistency = try await Measure.seconds {
    for _ in 0..<samples {
        let first = Int.random(in: 1..<leafCount, using: &rng)
        let proof = try tree.consistencyProof(first: first, second: leafCount)
        if MerkleVerification.consistency(first: first, second: leafCount, firstRoot: try tree.root(size: first), secondRoot: root, proof: proof) { verified += 1 }
    }
}
let hashes = (0..<leafCount).map { tree.leafHash(at: $0) }
let recompute = await Measure.seconds {
    var level = hashes
    while level.count > 1 {
        level = stride(from: 0, to: level.count, by: 2).map { $0 + 1 < level.count ? MerkleTree.nodeHash(level[$0], level[$0 + 1]) : level[$0] }
    }
}
print("PublicRecordBench")
print(String(format: "log of %d leaves: built in %.2f s, tree memory ≈ %d MiB (32 bytes × ~2n nodes = %.0f MiB)", leafCount, build, treeMiB,
             Double(leafCount) * 64 / 1_048_576))
print(String(format: "inclusion proofs (with verification): %8.0f /s  (%.1f µs each)", Double(samples) / inclusion, inclusion / Double(samples) * 1e6))
print(String(format: "consistency proofs (with verification): %6.0f /s  (%.1f µs each)", Double(samples) / consistency, consistency / Double(samples) * 1e6))
print(String(format: "reference: root recomputed from all leaf hashes: %.3f s → a stored-subtree proof is %.0f× faster", recompute,
             recompute / (inclusion / Double(samples))))
print("all \(verified) of \(2 * samples) proofs verified")

// MARK: 2. compliance dashboard
let work = FileManager.default.temporaryDirectory.appendingPathComponent("vw-publicrecordbench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: work) }
let database = try await Database.connect(.sqlite(path: work.appendingPathComponent("bench.sqlite").path))
_ = try await Platform.prepare(database, divisions: URL(fileURLWithPath: ProcessInfo.processInfo.environment["VILLAGEWATCH_DIVISIONS"] ?? DivisionCodes.defaultFile),
                               edition: DivisionCodes.defaultEdition)
let platform = try await PlatformServices.make(database: database, keyPath: work.appendingPathComponent("key").path,
                                               secretsKeyPath: work.appendingPathComponent("secrets").path)
let today = CalendarDate(parsing: String(Timestamp.chinaStandardTime(Date()).prefix(10)))!
let villages = try await DemoInstallation.villageAreas(database)
var published = 0
let generation = try await Measure.seconds {
    published = try await DemoPublications(store: platform.publications, today: today, months: months).publish(villages: villages, database: database) { _ in }
}
print(String(format: "\ncounty of %d villages, %d months: %d publication versions generated in %.1f s", villages.count, months, published, generation))
let county = try await database.read { try await AreaStore($0).county() }!
let monthCount = months
let floor = try await Measure.seconds { _ = try await database.read { try await PublicationReader($0).publishedItems(within: county.code) } }
try await UserStore(database: database, bcryptCost: 4).create(.init(username: "bench", displayName: "bench", role: .disciplineCommission,
                                                                     scope: county.code.text, password: "Measure2026x", mustChangePassword: false), by: .system)
let services = try VillageWatchApp.services(database: database, bcryptCost: 4)
let app = Application(router: try VillageWatchApp.router(services: services, platform: platform, metrics: nil))
try await app.test(.router) { client in
    let form = try await client.execute(uri: "/admin/login", method: .get)
    let cookie = form.headers[values: .setCookie].first { $0.hasPrefix("vw_login_csrf=") }!.split(separator: ";")[0]
    let token = String(cookie.split(separator: "=")[1])
    let login = try await client.execute(uri: "/admin/login", method: .post,
                                         headers: [.contentType: "application/x-www-form-urlencoded", .cookie: String(cookie)],
                                         body: ByteBuffer(string: "username=bench&password=Measure2026x&csrf=\(token)"))
    let session = login.headers[values: .setCookie].first { $0.hasPrefix("vw_session=") }!.split(separator: ";")[0]
    let month = PublicationPeriod.month(containing: today).previous
    let uri = "/admin/compliance?area=\(county.code.text)&month=\(month)&months=\(monthCount)"
    var status = HTTPResponse.Status.ok
    let warm = try await Measure.seconds { status = try await client.execute(uri: uri, method: .get, headers: [.cookie: String(session)]).status }
    let runs = 5
    let timed = try await Measure.seconds {
        for _ in 0..<runs { _ = try await client.execute(uri: uri, method: .get, headers: [.cookie: String(session)]) }
    }
    print("county compliance dashboard over \(monthCount) months (\(status == .ok ? "200 OK" : "FAILED")): "
          + String(format: "first %.0f ms, then %.0f ms per request", warm * 1000, timed / Double(runs) * 1000))
    print(String(format: "reference: reading the published items alone: %.0f ms → the dashboard costs %.1f× its database floor",
                 floor * 1000, (timed / Double(runs)) / floor))
}
await database.shutdown()
