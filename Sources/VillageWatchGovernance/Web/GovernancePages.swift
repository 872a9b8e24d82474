import Foundation
import VillageWatchCore
import VillageWatchWeb

/// What the governance module adds to the shared pages: the village's cadres on its public
/// page (names masked, as for every individual on a public page), the full roster with
/// declared relatives in the back office, and a person's positions and declarations.
public struct GovernancePages: AreaPageContributor {
    public init() {}

    public static var templates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    public func publicSections(for area: Area, services: WebServices) async throws -> [PageSection] {
        guard area.level == .village else { return [] }
        let today = String(Timestamp.chinaStandardTime(services.clock.now()).prefix(10))
        let cadres = try await services.database.read { try await CadreStore($0).serving(in: area.code, on: today) }
        let rows = cadres.map { ["position": $0.position, "name": Masking.name($0.name), "term": term($0)] }
        return [PageSection(title: "村干部（谁管什么）",
                            html: services.pages.fragment("governance-public-cadres", ["cadres": rows, "hasCadres": !rows.isEmpty]))]
    }

    public func adminSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection] {
        guard area.level == .village else { return [] }
        let rows = try await services.database.read { db in
            let store = CadreStore(db)
            var rows: [[String: Any]] = []
            for cadre in try await store.cadres(of: area.code) {
                rows.append(["position": cadre.position, "name": cadre.name, "idNumber": cadre.idNumber, "term": term(cadre),
                             "relatives": try await store.relatives(declaredBy: cadre.idNumber).count])
            }
            return rows
        }
        return [PageSection(title: "村干部及亲属申报", html: services.pages.fragment("governance-admin-cadres", ["cadres": rows, "hasCadres": !rows.isEmpty]))]
    }

    public func personSections(for person: Person, principal: Principal, services: WebServices) async throws -> [PageSection] {
        let visible = { (area: AreaCode) in AccessPolicy.allows(principal, .viewRegistry, in: area) }
        let (positions, declared, namedIn) = try await services.database.read { db in
            let store = CadreStore(db)
            return (try await store.positions(of: person.idNumber).filter { visible($0.villageCode) },
                    try await store.relatives(declaredBy: person.idNumber).filter { visible($0.villageCode) },
                    try await store.declarations(naming: person.idNumber).filter { visible($0.villageCode) })
        }
        guard !positions.isEmpty || !namedIn.isEmpty else { return [] }
        return [PageSection(title: "任职与亲属申报", html: services.pages.fragment("governance-person", [
            "positions": positions.map { ["position": $0.position, "village": $0.villageCode.text, "term": term($0)] },
            "declared": declared.map { ["name": $0.relativeName, "idNumber": $0.relativeIDNumber, "relationship": $0.relationship] },
            "namedIn": namedIn.map { ["cadre": $0.cadreIDNumber, "relationship": $0.relationship] },
            "hasDeclared": !declared.isEmpty, "hasNamedIn": !namedIn.isEmpty, "hasPositions": !positions.isEmpty,
        ]))]
    }

    private func term(_ cadre: Cadre) -> String { "\(cadre.termStart) 至 \(cadre.termEnd ?? "今")" }
}
