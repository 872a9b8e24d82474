import Foundation
import VillageWatchCore

/// The lease rules (CON-*): each lease of collective assets is checked for who holds it, how it
/// was awarded, how long it runs, whether its rent arrives in the village's bank account, and
/// how its rent compares with like leases in the same town.
public struct LeaseRules: Sendable {
    typealias Lease = ScreeningWorld.Lease
    let world: ScreeningWorld
    let kinship: Kinship
    let thresholds: ScreeningThresholds
    let rent: RentArrears

    /// The award methods the bidding rules require once a lease reaches a threshold.
    static let openAwards: Set<String> = ["公开招标", "公开竞价"]

    /// `kinship` is built from the same world; the engine builds it once for every family.
    public init(world: ScreeningWorld, thresholds: ScreeningThresholds, kinship: Kinship? = nil) {
        self.world = world
        self.thresholds = thresholds
        self.kinship = kinship ?? Kinship(world: world)
        rent = RentArrears(flows: world.bankFlows, graceDays: thresholds.rentGraceDays)
    }

    public func findings(_ codes: Set<FindingCode>) -> [Finding] {
        var result: [Finding] = []
        for lease in world.leases {
            if codes.contains(.conRelativeLessee), let finding = relativeLessee(lease) { result.append(finding) }
            if codes.contains(.conNoBidding), let finding = noBidding(lease) { result.append(finding) }
            if codes.contains(.conTerm), let finding = term(lease) { result.append(finding) }
            if codes.contains(.conRentArrears) { result += arrears(lease) }
        }
        if codes.contains(.conRentLow) { result += lowRents() }
        return result
    }

    func finding(_ code: FindingCode, _ lease: Lease, period: String? = nil, amountFen: Int64? = nil,
                 evidence: [(String, EvidenceValue)]) -> Finding {
        Finding(code: code, villageCode: lease.villageCode,
                subject: [("contract_id", .text(lease.contractID))] + (period.map { [("period", .text($0))] } ?? []),
                amountFen: amountFen ?? lease.annualRentFen,
                evidence: [("lessee_name", .text(lease.lesseeName)), ("asset_type", .text(lease.assetType))] + evidence)
    }

    /// By ID number when the lease records one (household and declared relatives included);
    /// otherwise by name, which the finding says.
    func relativeLessee(_ lease: Lease) -> Finding? {
        let id = lease.lesseeIDNumber?.trimmingCharacters(in: .whitespaces) ?? ""
        let tie = id.isEmpty
            ? kinship.cadreTie(named: lease.lesseeName, in: lease.villageCode, from: lease.start, to: lease.end, household: true)
            : kinship.cadreTie(of: id, in: lease.villageCode, from: lease.start, to: lease.end)
        guard let tie else { return nil }
        return finding(.conRelativeLessee, lease, evidence: [
            ("lessee_id_number", .text(id)), ("cadre_name", .text(tie.cadre.name)), ("cadre_id_number", .text(tie.cadre.id)),
            ("cadre_position", .text(tie.cadre.position)), ("tie", .text(tie.tie)),
            ("match_basis", .text(id.isEmpty ? "按姓名匹配（合同未登记承包方身份证号码）" : "按身份证号码匹配")),
            ("start_date", .text(lease.start.description)), ("end_date", .text(lease.end.description)),
        ])
    }

    func noBidding(_ lease: Lease) -> Finding? {
        let method = lease.awardMethod?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !Self.openAwards.contains(method), let reason = biddingReason(lease) else { return nil }
        return finding(.conNoBidding, lease, evidence: [
            ("area_mu", lease.areaHundredths.map { .decimal(BenefitRules.hundredths($0)) } ?? .text("未登记")),
            ("annual_rent_fen", .integer(lease.annualRentFen)), ("award_method", .text(method.isEmpty ? "未填写" : method)),
            ("reason", .text(reason)),
        ])
    }

    /// Why the lease had to be put out to open bidding, or `nil` when it did not.
    func biddingReason(_ lease: Lease) -> String? {
        let mu: Int? = switch lease.assetType {
        case "耕地", "鱼塘": thresholds.biddingArableOrPondMu
        case "山地", "林地": thresholds.biddingHillOrForestMu
        default: nil
        }
        if let mu, let area = lease.areaHundredths, area >= Int64(mu) * 100 { return "\(lease.assetType)面积达到\(mu)亩" }
        if lease.annualRentFen >= thresholds.biddingAnnualRentFen { return "年租金达到\(thresholds.biddingAnnualRentFen / 100)元" }
        return nil
    }

    /// Longer than the limit: ending after the same day `maximumLeaseYears` years after the start.
    func term(_ lease: Lease) -> Finding? {
        let limit = lease.start.adding(months: 12 * thresholds.maximumLeaseYears)
        guard lease.end > limit else { return nil }
        return finding(.conTerm, lease, evidence: [
            ("start_date", .text(lease.start.description)), ("end_date", .text(lease.end.description)),
            ("latest_lawful_end", .text(limit.description)), ("maximum_years", .integer(Int64(thresholds.maximumLeaseYears))),
        ])
    }

    func arrears(_ lease: Lease) -> [Finding] {
        let schedule = RentSchedule(lease.paymentSchedule)
        let instalment = schedule.instalmentFen(annualRentFen: lease.annualRentFen)
        return rent.unpaidDueDates(lease, schedule: schedule).map { due in
            finding(.conRentArrears, lease, period: String(due.description.prefix(7)), amountFen: instalment, evidence: [
                ("due_on", .text(due.description)), ("paid_by", .text(due.adding(days: thresholds.rentGraceDays).description)),
                ("payment_schedule", .text(schedule.name)), ("instalment_fen", .integer(instalment)),
                ("grace_days", .integer(Int64(thresholds.rentGraceDays))),
            ])
        }
    }

    /// Leases with an area, compared within their town and asset type once there are 3 to compare.
    func lowRents() -> [Finding] {
        let measured = world.leases.filter { ($0.areaHundredths ?? 0) > 0 }
        return Dictionary(grouping: measured) { $0.townCode + "|" + $0.assetType }.values.flatMap(lowRents(among:))
    }

    func lowRents(among peers: [Lease]) -> [Finding] {
        guard peers.count >= 3 else { return [] }
        let rates = peers.map(Self.rentPerMuFen).sorted(), middle = rates.count / 2
        let median = rates.count % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2
        return peers.filter { Self.rentPerMuFen($0) * 2 < median }.map { lease in
            finding(.conRentLow, lease, evidence: [
                ("rent_per_mu_fen", .integer(Self.rentPerMuFen(lease))), ("town_median_per_mu_fen", .integer(median)),
                ("town_code", .text(lease.townCode)), ("peers", .integer(Int64(peers.count))),
                ("area_mu", .decimal(BenefitRules.hundredths(lease.areaHundredths!))),
            ])
        }
    }

    /// Annual rent per 亩 in whole fen (rounded down).
    static func rentPerMuFen(_ lease: Lease) -> Int64 { lease.annualRentFen * 100 / lease.areaHundredths! }
}
