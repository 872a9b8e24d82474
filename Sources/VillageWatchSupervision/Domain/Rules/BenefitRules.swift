import VillageWatchCore

/// The benefit-roll rules (BEN-*): each payment is linked to a registry person and compared
/// with the registries, the household and the cadres of the village. Means-tested programmes
/// only for the means tests; area-based ones only for the land comparison.
public struct BenefitRules: Sendable {
    let world: ScreeningWorld
    let kinship: Kinship
    let thresholds: ScreeningThresholds
    let linked: LinkedPayments
    /// Households with anyone in the employment, vehicle or business registries: the only ones
    /// the means tests need to look into (a county has hundreds of thousands of households and
    /// a few thousand such entries).
    let registeredHouseholds: Set<String>

    public init(world: ScreeningWorld, thresholds: ScreeningThresholds) {
        self.init(world: world, thresholds: thresholds, kinship: Kinship(world: world), linked: LinkedPayments(world: world))
    }

    /// `kinship` and `linked` are built from the same world; the engine prepares them once.
    init(world: ScreeningWorld, thresholds: ScreeningThresholds, kinship: Kinship, linked: LinkedPayments) {
        self.world = world
        self.thresholds = thresholds
        self.kinship = kinship
        self.linked = linked
        let registered = Array(world.publicEmployment.keys) + Array(world.vehicles.keys) + Array(world.businesses.keys)
        registeredHouseholds = Set(registered.map { Self.household(of: $0, in: world) })
    }

    /// The person's household ID, or the ID number itself for someone not in the registry.
    static func household(of id: String, in world: ScreeningWorld) -> String { world.persons[id]?.householdID ?? "id:" + id }

    /// The codes judged payment by payment (the others compare a person's payments).
    static let perPaymentCodes: Set<FindingCode> = [.benDeceased, .benPublicEmployee, .benVehicle, .benBusiness, .benCadreRelativeUnfiled,
                                                    .benAreaOverstated, .benPayeeMismatch]

    /// The payment-by-payment rules run on every core, beside each other the per-person ones.
    public func findings(_ codes: Set<FindingCode>) -> [Finding] {
        let parts: [@Sendable () -> [Finding]] = [
            { codes.isDisjoint(with: Self.perPaymentCodes) ? [] : LinkedPayments.concurrentlyMapped(linked.items) { findings(for: $0, codes) }.flatMap { $0 } },
            { codes.contains(.benDuplicate) ? duplicates() : [] },
            { codes.contains(.benSharedAccount) ? sharedAccounts() : [] },
        ]
        return LinkedPayments.concurrentlyMapped(parts) { $0() }.flatMap { $0 }
    }

    func findings(for item: LinkedPayment, _ codes: Set<FindingCode>) -> [Finding] {
        var result: [Finding] = []
        let program = world.program(item.payment.programCode)
        if codes.contains(.benDeceased), let finding = deceased(item) { result.append(finding) }
        if program.meansTested { result += meansTests(item, program: program, codes: codes) }
        if program.areaBased, codes.contains(.benAreaOverstated), let finding = areaOverstated(item) { result.append(finding) }
        if codes.contains(.benPayeeMismatch), let finding = payeeMismatch(item) { result.append(finding) }
        return result
    }

    func finding(_ code: FindingCode, _ item: LinkedPayment, evidence: [(String, EvidenceValue)]) -> Finding {
        var evidence = evidence + [("period", .text(item.payment.period)), ("program_code", .text(item.payment.programCode))]
        if let link = item.link, link.basis != .idNumber {
            evidence += [("link_basis", .text(link.basis.rawValue)), ("linked_id_number", .text(link.person.id))]
        }
        return Finding(code: code, villageCode: item.payment.villageCode,
                       subject: [("id_number", .text(item.payment.recipientID)), ("payment_id", .text(item.payment.paymentID))],
                       amountFen: item.payment.amountFen, evidence: evidence)
    }

    func deceased(_ item: LinkedPayment) -> Finding? {
        guard let died = world.deaths[item.id], MonthSpan(String(died.description.prefix(7)))!.last < item.span.first else { return nil }
        return finding(.benDeceased, item, evidence: [("death_date", .text(died.description))])
    }

    func meansTests(_ item: LinkedPayment, program: BenefitProgram, codes: Set<FindingCode>) -> [Finding] {
        var result: [Finding] = []
        if registeredHouseholds.contains(item.household) { result += registryMatches(item, codes: codes) }
        if codes.contains(.benCadreRelativeUnfiled), kinship.closeToCadres.contains(item.id),
           let tie = kinship.cadreTie(of: item.id, in: item.payment.villageCode, from: item.span.first, to: item.span.last),
           !world.filings.contains(item.id + "|" + program.code), !world.filings.contains(item.payment.recipientID + "|" + program.code) {
            result.append(finding(.benCadreRelativeUnfiled, item, evidence: [("cadre_id_number", .text(tie.cadre.id)), ("cadre_position", .text(tie.cadre.position)),
                                                                              ("tie", .text(tie.tie))]))
        }
        return result
    }

    /// A household member employed in public service, owning a vehicle or a business during or
    /// before the payment's month.
    func registryMatches(_ item: LinkedPayment, codes: Set<FindingCode>) -> [Finding] {
        let members = kinship.householdIDs(of: item.id)
        var result: [Finding] = []
        if codes.contains(.benPublicEmployee),
           let (member, span) = members.sorted().lazy.compactMap({ id in world.publicEmployment[id]?.first { $0.overlaps(item.span.first, item.span.last) }.map { (id, $0) } }).first {
            result.append(finding(.benPublicEmployee, item, evidence: [("employee_id_number", .text(member)), ("start_date", .text(span.start.description))]))
        }
        if codes.contains(.benVehicle),
           let (member, vehicle) = members.sorted().lazy.compactMap({ id in world.vehicles[id]?.first { !$0.isFarmVehicle && $0.registeredOn < item.span.first }.map { (id, $0) } }).first {
            result.append(finding(.benVehicle, item, evidence: [("owner_id_number", .text(member)), ("plate", .text(vehicle.plate)),
                                                               ("registered_on", .text(vehicle.registeredOn.description))]))
        }
        if codes.contains(.benBusiness),
           let (member, registered) = members.sorted().lazy.compactMap({ id in world.businesses[id]?.first { $0 < item.span.first }.map { (id, $0) } }).first {
            result.append(finding(.benBusiness, item, evidence: [("owner_id_number", .text(member)), ("registered_on", .text(registered.description))]))
        }
        return result
    }

    func areaOverstated(_ item: LinkedPayment) -> Finding? {
        guard let quantity = item.payment.quantityHundredths, let household = item.link?.person.householdID,
              let contracted = world.contractedLand[household], quantity * 100 > contracted * Int64(100 + thresholds.areaTolerancePercent) else { return nil }
        return finding(.benAreaOverstated, item, evidence: [("quantity_mu", .decimal(Self.hundredths(quantity))), ("contracted_mu", .decimal(Self.hundredths(contracted)))])
    }

    func payeeMismatch(_ item: LinkedPayment) -> Finding? {
        guard let payee = item.payment.payeeAccountName, !payee.isEmpty, payee != item.payment.recipientName,
              !kinship.household(of: item.id).contains(where: { $0.name == payee }) else { return nil }
        return finding(.benPayeeMismatch, item, evidence: [("payee_account_name", .text(payee)), ("recipient_name", .text(item.payment.recipientName))])
    }

    static func hundredths(_ value: Int64) -> String {
        let cents = value % 100
        return "\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
