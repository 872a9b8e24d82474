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

    /// The registry codes the means tests look up for a household member.
    static let registryCodes: Set<FindingCode> = [.benPublicEmployee, .benVehicle, .benBusiness]

    /// Each rule starts from what can make it fire — the deaths registry, the households in the
    /// other registries, the people close to cadres — and visits only those persons' payments;
    /// a county's three million payments are walked whole only where every one must be looked
    /// at. The rules run side by side on the machine's cores.
    public func findings(_ codes: Set<FindingCode>) -> [Finding] {
        let parts: [@Sendable () -> [Finding]] = [
            { codes.contains(.benDeceased) ? payments(of: world.deaths.keys).compactMap(deceased) : [] },
            { codes.isDisjoint(with: Self.registryCodes) ? [] : meansTested(payments(of: registeredPersons)).flatMap { registryMatches($0, codes: codes) } },
            { codes.contains(.benCadreRelativeUnfiled) ? meansTested(payments(of: kinship.closeToCadres)).compactMap(cadreRelative) : [] },
            { codes.contains(.benAreaOverstated) ? linked.items.filter { $0.payment.quantityHundredths != nil && world.program($0.payment.programCode).areaBased }.compactMap(areaOverstated) : [] },
            { codes.contains(.benPayeeMismatch) ? payeeMismatches() : [] },
            { codes.contains(.benDuplicate) ? duplicates() : [] },
            { codes.contains(.benSharedAccount) ? sharedAccounts() : [] },
        ]
        return parts.concurrentlyMapped(chunks: parts.count) { $0() }.flatMap { $0 }
    }

    /// The payments linked to each of `ids`.
    func payments(of ids: some Sequence<String>) -> [LinkedPayment] {
        ids.flatMap { id in linked.personNumbers[id].map { linked.payments(ofPerson: $0).map { linked.items[$0] } } ?? [] }
    }

    func meansTested(_ items: [LinkedPayment]) -> [LinkedPayment] { items.filter { world.program($0.payment.programCode).meansTested } }

    /// Everyone living in a household some registry names (and registry IDs outside the registry).
    var registeredPersons: [String] {
        registeredHouseholds.flatMap { household in
            household.hasPrefix("id:") ? [String(household.dropFirst(3))] : kinship.households[household] ?? []
        }
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

    /// A means-tested payment to a cadre, their household or a declared relative, with no filing.
    func cadreRelative(_ item: LinkedPayment) -> Finding? {
        let program = item.payment.programCode
        guard let tie = kinship.cadreTie(of: item.id, in: item.payment.villageCode, from: item.span.first, to: item.span.last),
              !world.filings.contains(item.id + "|" + program), !world.filings.contains(item.payment.recipientID + "|" + program) else { return nil }
        return finding(.benCadreRelativeUnfiled, item, evidence: [("cadre_id_number", .text(tie.cadre.id)), ("cadre_position", .text(tie.cadre.position)),
                                                                  ("tie", .text(tie.tie))])
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


    static func hundredths(_ value: Int64) -> String {
        let cents = value % 100
        return "\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
