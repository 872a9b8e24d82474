import VillageWatchCore

/// The comparison engine's one entry point: every rule family over one world, for the codes
/// asked for, in an order that does not depend on dictionary iteration, so that two screenings
/// of the same data write the same file.
public enum Screening {
    public static func run(world: ScreeningWorld, thresholds: ScreeningThresholds, codes: Set<FindingCode> = Set(FindingCode.allCases)) -> [Finding] {
        let findings = BenefitRules(world: world, thresholds: thresholds).findings(codes)
            + BankRules(world: world, thresholds: thresholds).findings(codes)
            + LeaseRules(world: world, thresholds: thresholds).findings(codes)
            + PublicationRules(world: world).findings(codes)
        return findings.sorted { ($0.code, $0.villageCode, $0.key, $0.jsonLine) < ($1.code, $1.villageCode, $1.key, $1.jsonLine) }
    }
}
