import VillageWatchCore

/// The benefit-roll rules (BEN-*): each payment is linked to a registry person and compared
/// with the registries, the household and the cadres of the village. Means-tested programmes
/// only for the means tests; area-based ones only for the land comparison.
public struct BenefitRules: Sendable {
    let world: ScreeningWorld
    let kinship: Kinship
    let linker: PersonLinker
    let thresholds: ScreeningThresholds

    /// `kinship` is built from the same world; the engine builds it once for every family.
    public init(world: ScreeningWorld, thresholds: ScreeningThresholds, kinship: Kinship? = nil) {
        self.world = world
        self.thresholds = thresholds
        self.kinship = kinship ?? Kinship(world: world)
        linker = PersonLinker(persons: world.persons)
    }

    /// A payment with its period and the registry person it was linked to (if any).
    struct Linked {
        let payment: ScreeningWorld.Payment
        let span: MonthSpan
        let link: PersonLinker.Link?
        var id: String { link?.person.id ?? payment.recipientID }
    }

    public func findings(_ codes: Set<FindingCode>) -> [Finding] {
        let linked = world.payments.compactMap { payment in
            MonthSpan(payment.period).map { Linked(payment: payment, span: $0, link: linker.link(id: payment.recipientID, name: payment.recipientName,
                                                                                                village: payment.villageCode)) }
        }
        var result: [Finding] = []
        for item in linked {
            let program = world.program(item.payment.programCode)
            if codes.contains(.benDeceased), let finding = deceased(item) { result.append(finding) }
            if program.meansTested { result += meansTests(item, program: program, codes: codes) }
            if program.areaBased, codes.contains(.benAreaOverstated), let finding = areaOverstated(item) { result.append(finding) }
            if codes.contains(.benPayeeMismatch), let finding = payeeMismatch(item) { result.append(finding) }
        }
        if codes.contains(.benDuplicate) { result += duplicates(linked) }
        if codes.contains(.benSharedAccount) { result += sharedAccounts(linked) }
        return result
    }

    func finding(_ code: FindingCode, _ item: Linked, evidence: [(String, EvidenceValue)]) -> Finding {
        var evidence = evidence + [("period", .text(item.payment.period)), ("program_code", .text(item.payment.programCode))]
        if let link = item.link, link.basis != .idNumber {
            evidence += [("link_basis", .text(link.basis.rawValue)), ("linked_id_number", .text(link.person.id))]
        }
        return Finding(code: code, villageCode: item.payment.villageCode,
                       subject: [("id_number", .text(item.payment.recipientID)), ("payment_id", .text(item.payment.paymentID))],
                       amountFen: item.payment.amountFen, evidence: evidence)
    }

    func deceased(_ item: Linked) -> Finding? {
        guard let died = world.deaths[item.id], MonthSpan(String(died.description.prefix(7)))!.last < item.span.first else { return nil }
        return finding(.benDeceased, item, evidence: [("death_date", .text(died.description))])
    }

    func meansTests(_ item: Linked, program: BenefitProgram, codes: Set<FindingCode>) -> [Finding] {
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
        if codes.contains(.benCadreRelativeUnfiled), !world.filings.contains(item.id + "|" + program.code),
           !world.filings.contains(item.payment.recipientID + "|" + program.code),
           let tie = kinship.cadreTie(of: item.id, in: item.payment.villageCode, from: item.span.first, to: item.span.last) {
            result.append(finding(.benCadreRelativeUnfiled, item, evidence: [("cadre_id_number", .text(tie.cadre.id)), ("cadre_position", .text(tie.cadre.position)),
                                                                              ("tie", .text(tie.tie))]))
        }
        return result
    }

    func areaOverstated(_ item: Linked) -> Finding? {
        guard let quantity = item.payment.quantityHundredths, let household = world.persons[item.id]?.householdID,
              let contracted = world.contractedLand[household], quantity * 100 > contracted * Int64(100 + thresholds.areaTolerancePercent) else { return nil }
        return finding(.benAreaOverstated, item, evidence: [("quantity_mu", .decimal(Self.hundredths(quantity))), ("contracted_mu", .decimal(Self.hundredths(contracted)))])
    }

    func payeeMismatch(_ item: Linked) -> Finding? {
        guard let payee = item.payment.payeeAccountName, !payee.isEmpty, payee != item.payment.recipientName,
              !kinship.household(of: item.id).contains(where: { $0.name == payee }) else { return nil }
        return finding(.benPayeeMismatch, item, evidence: [("payee_account_name", .text(payee)), ("recipient_name", .text(item.payment.recipientName))])
    }

    func duplicates(_ linked: [Linked]) -> [Finding] {
        let groups = Dictionary(grouping: linked) { $0.id + "|" + $0.payment.programCode + "|" + $0.payment.period }.values.filter { $0.count > 1 }
        return groups.flatMap { group -> [Finding] in
            let sorted = group.sorted { ($0.payment.department, $0.payment.paymentID) < ($1.payment.department, $1.payment.paymentID) }
            let villages: [String] = Array(Set(sorted.map(\.payment.villageCode))).sorted()
            return sorted.dropFirst().map { item -> Finding in
                let others: [String] = sorted.map(\.payment.paymentID).filter { $0 != item.payment.paymentID }
                return finding(.benDuplicate, item, evidence: [("other_payment_ids", .texts(others)), ("villages", .texts(villages))])
            }
        }
    }

    func sharedAccounts(_ linked: [Linked]) -> [Finding] {
        Dictionary(grouping: linked.filter { !($0.payment.payeeAccount ?? "").isEmpty }) { $0.payment.payeeAccount! }.compactMap { account, items in
            let households = Set(items.map { world.persons[$0.id]?.householdID ?? "id:" + $0.id })
            guard households.count >= thresholds.sharedAccountRecipients else { return nil }
            let recipients = Array(Set(items.map(\.payment.recipientID))).sorted()
            return Finding(code: .benSharedAccount, villageCode: items.map(\.payment.villageCode).min()!, subject: [("account_number", .text(account))],
                           amountFen: items.reduce(0) { $0 + $1.payment.amountFen },
                           evidence: [("recipient_id_numbers", .texts(recipients)), ("households", .integer(Int64(households.count))),
                                      ("payment_ids", .texts(items.map(\.payment.paymentID).sorted()))])
        }
    }

    static func hundredths(_ value: Int64) -> String {
        let cents = value % 100
        return "\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
