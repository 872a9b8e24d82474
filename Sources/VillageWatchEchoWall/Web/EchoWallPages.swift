import Foundation
import VillageWatchCore
import VillageWatchWeb

/// The echo wall's block on an area's public page: responsiveness (the area's and each town's or
/// village's), the latest answers, and on a village page the way in for villagers.
public struct EchoWallPages: AreaPageContributor {
    let items: EchoItemStore

    public init(items: EchoItemStore) { self.items = items }

    public static var templates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    public func publicSections(for area: Area, services: WebServices) async throws -> [PageSection] {
        guard area.level != .group else { return [] }
        let board = try await EchoBoard.build(area: area, items: items, database: services.database)
        let latest = try await items.answeredItems(within: area.code, pageSize: 3)
        let names = try await services.database.read { try await AreaStore($0).names(of: latest.map(\.village)) }
        let today = services.clock.chinaToday
        return [PageSection(title: "回音壁", html: services.pages.fragment("echo-section", [
            "area": area.code.text, "isVillage": area.level == .village, "board": board.values(EchoBoard.publicWall),
            "latest": latest.map { EchoPresenter.publicValues($0, villageName: names[$0.villageCode] ?? $0.villageCode, today: today) },
            "hasLatest": !latest.isEmpty,
        ]))]
    }

    /// The responsiveness of each town or village on the compliance dashboard.
    public func complianceSections(for area: Area, principal: Principal, services: WebServices) async throws -> [PageSection] {
        let board = try await EchoBoard.build(area: area, items: items, database: services.database)
        return [PageSection(title: "回音壁办理情况", html: services.pages.fragment("echo-board", ["board": board.values(EchoBoard.adminBoard)]))]
    }
}
