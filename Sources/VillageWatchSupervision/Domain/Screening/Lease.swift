import VillageWatchCore

extension ScreeningWorld {
    /// A lease of collective assets or resources (发包台账), as the lease rules compare it.
    public struct Lease: Sendable, Equatable {
        public let contractID: String, villageCode: String, assetType: String
        public let lesseeName: String, lesseeIDNumber: String?
        /// Area in hundredths of a 亩; `nil` for buildings and shops let without one.
        public let areaHundredths: Int64?
        public let start: CalendarDate, end: CalendarDate
        public let annualRentFen: Int64
        public let awardMethod: String?, paymentSchedule: String?

        public init(contractID: String, villageCode: String, assetType: String, lesseeName: String, lesseeIDNumber: String? = nil,
                    areaHundredths: Int64? = nil, start: CalendarDate, end: CalendarDate, annualRentFen: Int64,
                    awardMethod: String? = nil, paymentSchedule: String? = nil) {
            self.contractID = contractID; self.villageCode = villageCode; self.assetType = assetType
            self.lesseeName = lesseeName; self.lesseeIDNumber = lesseeIDNumber; self.areaHundredths = areaHundredths
            self.start = start; self.end = end; self.annualRentFen = annualRentFen
            self.awardMethod = awardMethod; self.paymentSchedule = paymentSchedule
        }

        /// The town the village belongs to: rents are compared within a town, where land is alike.
        public var townCode: String { String(villageCode.prefix(9)) + "000" }
    }
}
