import VillageWatchCore

/// PUB-OVERDUE: the publications module's compliance calendar decides what a village owes and
/// when; each obligation it reports overdue becomes a finding here, so that missing publications
/// are followed up as leads alongside the money.
public struct PublicationRules: Sendable {
    let world: ScreeningWorld

    public init(world: ScreeningWorld) {
        self.world = world
    }

    public func findings(_ codes: Set<FindingCode>) -> [Finding] {
        guard codes.contains(.pubOverdue) else { return [] }
        return world.obligations.map { obligation in
            Finding(code: .pubOverdue, villageCode: obligation.villageCode, subject: [("period", .text(obligation.label))], amountFen: 0,
                    evidence: [("label", .text(obligation.label)), ("due_on", .text(obligation.dueOn.description))])
        }
    }
}
