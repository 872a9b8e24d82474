import Dispatch
import Synchronization
import VillageWatchCore

/// The comparison engine's one entry point: every rule family over one world, for the codes
/// asked for, in an order that does not depend on dictionary iteration, so that two screenings
/// of the same data write the same file.
///
/// Preparing is the shared work — who lives with whom, each payment linked to its person — done
/// once; `findings(_:)` may then run any set of codes as often as wanted (the benchmark times each
/// code alone this way).
public struct Screening: Sendable {
    let benefits: BenefitRules
    let bank: BankRules
    let leases: LeaseRules
    let publications: PublicationRules

    public init(world: ScreeningWorld, thresholds: ScreeningThresholds) {
        // The two big preparations share nothing, so they run side by side; households are done
        // first, so the lease rules' rent index is built on that core while payments still link.
        let prepared = Mutex<(kinship: Kinship?, leases: LeaseRules?, linked: LinkedPayments?)>((nil, nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let kinship = Kinship(world: world)
                let leases = LeaseRules(world: world, thresholds: thresholds, kinship: kinship)
                prepared.withLock { $0.kinship = kinship; $0.leases = leases }
            } else {
                let linked = LinkedPayments(world: world)
                prepared.withLock { $0.linked = linked }
            }
        }
        let (kinship, linked) = prepared.withLock { ($0.kinship!, $0.linked!) }
        leases = prepared.withLock { $0.leases! }
        benefits = BenefitRules(world: world, thresholds: thresholds, kinship: kinship, linked: linked)
        bank = BankRules(world: world, thresholds: thresholds, kinship: kinship)
        publications = PublicationRules(world: world)
    }

    /// Prepares, runs `codes`, and lets go of the preparation on a background thread: freeing a
    /// county's millions of linked payments takes a second the caller need not wait for.
    public static func run(world: ScreeningWorld, thresholds: ScreeningThresholds, codes: Set<FindingCode> = Set(FindingCode.allCases)) -> [Finding] {
        let screening = Screening(world: world, thresholds: thresholds)
        let findings = screening.findings(codes)
        releaseInBackground(screening)
        return findings
    }

    public func findings(_ codes: Set<FindingCode> = Set(FindingCode.allCases)) -> [Finding] {
        let families: [@Sendable () -> [Finding]] = [
            { benefits.findings(codes) }, { bank.findings(codes) }, { leases.findings(codes) }, { publications.findings(codes) },
        ]
        // The families share nothing mutable, so they run side by side on the machine's cores.
        let findings = families.concurrentlyMapped(chunks: families.count) { $0() }.flatMap { $0 }
        return findings.sorted { ($0.code, $0.villageCode, $0.key, $0.jsonLine) < ($1.code, $1.villageCode, $1.key, $1.jsonLine) }
    }
}
