import VillageWatchCore

/// Everything the rules compare, for the area being screened: the registry's people and
/// households, cadres and their declared relatives, the county's registries, the benefit rolls,
/// bank flows and leases. Pure values; the storage layer fills them.
public struct ScreeningWorld: Sendable {
    /// A class, not a struct: the engine passes a county's persons around by the million, and a
    /// reference costs one retain where a struct of strings costs one per field.
    public final class Person: Sendable, Equatable {
        public let id: String
        public let name: String
        public let householdID: String
        public let groupCode: String
        public var villageCode: String { String(groupCode.prefix(12)) }
        public init(id: String, name: String, householdID: String, groupCode: String) {
            self.id = id; self.name = name; self.householdID = householdID; self.groupCode = groupCode
        }

        public static func == (a: Person, b: Person) -> Bool {
            (a.id, a.name, a.householdID, a.groupCode) == (b.id, b.name, b.householdID, b.groupCode)
        }
    }

    public struct Cadre: Sendable, Equatable {
        public let id: String, name: String, villageCode: String, position: String
        public let termStart: CalendarDate, termEnd: CalendarDate?
        public init(id: String, name: String, villageCode: String, position: String, termStart: CalendarDate, termEnd: CalendarDate?) {
            self.id = id; self.name = name; self.villageCode = villageCode; self.position = position; self.termStart = termStart; self.termEnd = termEnd
        }
    }

    public struct Relative: Sendable, Equatable {
        public let cadreID: String, id: String, name: String, relationship: String
        public init(cadreID: String, id: String, name: String, relationship: String) {
            self.cadreID = cadreID; self.id = id; self.name = name; self.relationship = relationship
        }
    }

    /// A span of time a registry fact holds (employment).
    public struct Span: Sendable, Equatable {
        public let start: CalendarDate, end: CalendarDate?
        public init(start: CalendarDate, end: CalendarDate?) { self.start = start; self.end = end }
        public func overlaps(_ first: CalendarDate, _ last: CalendarDate) -> Bool { start <= last && (end.map { $0 >= first } ?? true) }
    }

    public struct Vehicle: Sendable, Equatable {
        public let plate: String, registeredOn: CalendarDate, type: String?
        public init(plate: String, registeredOn: CalendarDate, type: String?) { self.plate = plate; self.registeredOn = registeredOn; self.type = type }
        /// Farm vehicles do not count against means tests.
        public var isFarmVehicle: Bool { ["农用", "拖拉机", "农机", "收割机"].contains { type?.contains($0) ?? false } }
    }

    /// A class for the same reason as `Person`.
    public final class Payment: Sendable {
        public let department: String, paymentID: String, programCode: String, recipientID: String, recipientName: String
        public let areaCode: String, period: String, amountFen: Int64, quantityHundredths: Int64?
        public let payeeAccount: String?, payeeAccountName: String?
        public var villageCode: String { String(areaCode.prefix(12)) }
        public init(department: String, paymentID: String, programCode: String, recipientID: String, recipientName: String, areaCode: String,
                    period: String, amountFen: Int64, quantityHundredths: Int64? = nil, payeeAccount: String? = nil, payeeAccountName: String? = nil) {
            self.department = department; self.paymentID = paymentID; self.programCode = programCode; self.recipientID = recipientID
            self.recipientName = recipientName; self.areaCode = areaCode; self.period = period; self.amountFen = amountFen
            self.quantityHundredths = quantityHundredths; self.payeeAccount = payeeAccount; self.payeeAccountName = payeeAccountName
        }
    }

    public var persons: [String: Person] = [:]
    public var cadres: [Cadre] = []
    public var relatives: [Relative] = []
    public var deaths: [String: CalendarDate] = [:]
    public var publicEmployment: [String: [Span]] = [:]
    public var vehicles: [String: [Vehicle]] = [:]
    public var businesses: [String: [CalendarDate]] = [:]
    public var contractedLand: [String: Int64] = [:]
    /// `id_number|PROGRAM` of each filed case.
    public var filings: Set<String> = []
    public var programs: [String: BenefitProgram] = [:]
    public var payments: [Payment] = []
    public var bankFlows: [BankFlow] = []
    public var leases: [Lease] = []
    /// The spending total of each month's published finance statement, keyed `village|YYYY-MM`;
    /// a month that was not published is absent.
    public var publishedSpending: [String: Int64] = [:]
    /// Publications past their deadline, from the publications module's compliance calendar.
    public var obligations: [OverdueObligation] = []
    /// The last month (`YYYY-MM`) whose finance publication is already due; later months are
    /// not yet judged by BANK-UNPUBLISHED. `nil` judges every month.
    public var financeDueThrough: String?

    public init() {}

    public func program(_ code: String) -> BenefitProgram {
        programs[code] ?? BenefitProgram.builtIn.first { $0.code == code }
            ?? BenefitProgram(code: code, name: code, department: "", meansTested: false, areaBased: false)
    }
}
