import VillageWatchCore

/// A block a module contributes to a shared page (an area's public page, its admin page, a
/// person's admin page), already rendered by the module's own template.
public struct PageSection: Sendable {
    public let title: String
    public let html: String

    public init(title: String, html: String) {
        self.title = title
        self.html = html
    }
}

/// What a capability module adds to the pages the server owns. Every method is optional;
/// admin sections are only asked for after the caller passed the access check for the area or
/// person, and a contributor must still check every row it shows that belongs to another area
/// (a person of village A may hold a position in village B).
public protocol AreaPageContributor: Sendable {
    func publicSections(for area: Area, services: WebServices) async throws -> [PageSection]
    func adminSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection]
    func personSections(for person: Person, principal: Principal, services: WebServices) async throws -> [PageSection]
    /// Blocks on the compliance dashboard of a town or the county, after its access check.
    func complianceSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection]
}

extension AreaPageContributor {
    public func publicSections(for area: Area, services: WebServices) async throws -> [PageSection] { [] }
    public func adminSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection] { [] }
    public func personSections(for person: Person, principal: Principal, services: WebServices) async throws -> [PageSection] { [] }
    public func complianceSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection] { [] }
}
