import Foundation

/// A county's thresholds for the comparison engine, defaults as IMPORT-FORMATS.md documents.
/// A county changes any of them with a JSON file (`$VILLAGEWATCH_SCREENING_THRESHOLDS`),
/// e.g. `{"approvalThresholdFen": 1000000, "cashLimitFen": 300000}`.
public struct ScreeningThresholds: Sendable, Equatable, Codable {
    /// BEN-AREA-OVERSTATED: tolerance over the contracted area, in percent.
    public var areaTolerancePercent = 5
    /// BANK-SPLIT: the approval threshold each payment stays below, and the window in days.
    public var approvalThresholdFen: Int64 = 500_000
    public var splitWindowDays = 7
    /// BANK-CASH: the cash limit.
    public var cashLimitFen: Int64 = 200_000
    /// BANK-BENFORD: the minimum number of payments in a year and the MAD limit (Nigrini).
    public var benfordMinimumCount = 200
    public var benfordMADLimit = 0.015
    /// BEN-SHARED-ACCOUNT: recipients of different households on one account.
    public var sharedAccountRecipients = 3
    /// CON-NO-BIDDING thresholds.
    public var biddingArableOrPondMu = 10
    public var biddingHillOrForestMu = 30
    public var biddingAnnualRentFen: Int64 = 5_000_000
    /// CON-TERM: the legal limit in years.
    public var maximumLeaseYears = 30
    /// CON-RENT-ARREARS: days of grace after a due date.
    public var rentGraceDays = 60

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScreeningThresholds()
        areaTolerancePercent = try c.decodeIfPresent(Int.self, forKey: .areaTolerancePercent) ?? d.areaTolerancePercent
        approvalThresholdFen = try c.decodeIfPresent(Int64.self, forKey: .approvalThresholdFen) ?? d.approvalThresholdFen
        splitWindowDays = try c.decodeIfPresent(Int.self, forKey: .splitWindowDays) ?? d.splitWindowDays
        cashLimitFen = try c.decodeIfPresent(Int64.self, forKey: .cashLimitFen) ?? d.cashLimitFen
        benfordMinimumCount = try c.decodeIfPresent(Int.self, forKey: .benfordMinimumCount) ?? d.benfordMinimumCount
        benfordMADLimit = try c.decodeIfPresent(Double.self, forKey: .benfordMADLimit) ?? d.benfordMADLimit
        sharedAccountRecipients = try c.decodeIfPresent(Int.self, forKey: .sharedAccountRecipients) ?? d.sharedAccountRecipients
        biddingArableOrPondMu = try c.decodeIfPresent(Int.self, forKey: .biddingArableOrPondMu) ?? d.biddingArableOrPondMu
        biddingHillOrForestMu = try c.decodeIfPresent(Int.self, forKey: .biddingHillOrForestMu) ?? d.biddingHillOrForestMu
        biddingAnnualRentFen = try c.decodeIfPresent(Int64.self, forKey: .biddingAnnualRentFen) ?? d.biddingAnnualRentFen
        maximumLeaseYears = try c.decodeIfPresent(Int.self, forKey: .maximumLeaseYears) ?? d.maximumLeaseYears
        rentGraceDays = try c.decodeIfPresent(Int.self, forKey: .rentGraceDays) ?? d.rentGraceDays
    }

    /// The county's file when `VILLAGEWATCH_SCREENING_THRESHOLDS` names one, else the defaults.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ScreeningThresholds {
        guard let path = environment["VILLAGEWATCH_SCREENING_THRESHOLDS"] else { return ScreeningThresholds() }
        return try JSONDecoder().decode(ScreeningThresholds.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
