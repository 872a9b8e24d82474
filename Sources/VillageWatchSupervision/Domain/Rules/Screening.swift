import Dispatch
import Synchronization
import VillageWatchCore

/// The comparison engine's one entry point: every rule family over one world, for the codes
/// asked for, in an order that does not depend on dictionary iteration, so that two screenings
/// of the same data write the same file.
public enum Screening {
    public static func run(world: ScreeningWorld, thresholds: ScreeningThresholds, codes: Set<FindingCode> = Set(FindingCode.allCases)) -> [Finding] {
        let kinship = Kinship(world: world)
        let families: [@Sendable () -> [Finding]] = [
            { BenefitRules(world: world, thresholds: thresholds, kinship: kinship).findings(codes) },
            { BankRules(world: world, thresholds: thresholds, kinship: kinship).findings(codes) },
            { LeaseRules(world: world, thresholds: thresholds, kinship: kinship).findings(codes) },
            { PublicationRules(world: world).findings(codes) },
        ]
        // The families share nothing mutable, so they run side by side on the machine's cores.
        let results = Mutex([[Finding]](repeating: [], count: families.count))
        DispatchQueue.concurrentPerform(iterations: families.count) { index in
            let found = families[index]()
            results.withLock { $0[index] = found }
        }
        let findings = results.withLock { $0.flatMap { $0 } }
        return findings.sorted { ($0.code, $0.villageCode, $0.key, $0.jsonLine) < ($1.code, $1.villageCode, $1.key, $1.jsonLine) }
    }
}
