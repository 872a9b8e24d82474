import Foundation
import Hummingbird
import SQLKit
import VillageWatchCore
import VillageWatchWeb

/// The public portal: county → town → village → group, and the same tree as JSON for the
/// mini-program. Only aggregates and what modules publish appear here; no individual's data.
struct PublicAreaRoutes {
    let services: WebServices
    let contributors: [any AreaPageContributor]

    func register(on router: Router<AppRequestContext>) {
        router.get("/") { _, context in try await home(context) }
        router.get("/areas/:code") { _, context in try await areaPage(try areaCode(context), context) }
        router.get("/api/v1/areas/:code") { _, context in try await areaJSON(try areaCode(context)) }
    }

    private func home(_ context: AppRequestContext) async throws -> HTML {
        guard let county = try await services.database.read({ try await AreaStore($0).county() }) else {
            throw HTTPError(.serviceUnavailable, message: "尚未载入区划数据，请先运行 villagewatch migrate")
        }
        return try await areaPage(county.code, context)
    }

    private func areaPage(_ code: AreaCode, _ context: AppRequestContext) async throws -> HTML {
        let (area, children, counts, ancestry, registry) = try await services.database.read { db in
            let store = AreaStore(db)
            guard let area = try await store.area(code) else { throw HTTPError(.notFound, message: "没有找到区划代码 \(code) 对应的地区") }
            var children: [[String: Any]] = []
            for child in try await store.children(of: code) {
                let below = try await store.counts(below: child.code)
                children.append(["code": child.code.text, "name": child.name, "villages": below.villages, "groups": below.groups,
                                 "isTown": child.level == .town, "isVillage": child.level == .village])
            }
            return (area, children, try await store.counts(below: code), try await store.ancestry(of: code).dropLast(),
                    try await PersonStore(db).statistics(in: code))
        }
        var sections: [[String: Any]] = []
        for contributor in contributors {
            sections += try await contributor.publicSections(for: area, services: services).map { ["title": $0.title, "html": $0.html] }
        }
        let values: [String: Any] = [
            "area": ["code": area.code.text, "name": area.name, "level": area.level.chineseName],
            "children": children, "hasChildren": !children.isEmpty, "childLevel": children.isEmpty ? "" : childLevelName(area.level),
            "counts": ["towns": counts.towns, "villages": counts.villages, "groups": counts.groups],
            "showTowns": area.level == .county, "showVillages": area.level <= .town, "showGroups": area.level <= .village,
            "isVillage": area.level == .village, "isGroup": area.level == .group,
            "registry": ["persons": registry.persons, "households": registry.households],
            "sections": sections, "publications": PublicationSchedule.items,
            "hasCrumbs": !ancestry.isEmpty,
            "breadcrumbs": ancestry.map { ["name": $0.name, "href": $0.level == .county ? "/" : "/areas/\($0.code.text)"] },
        ]
        return services.pages.page("area", title: area.name, values, context: context)
    }

    private func areaJSON(_ code: AreaCode) async throws -> Response {
        let body = try await services.database.read { db -> AreaDocument in
            let store = AreaStore(db)
            guard let area = try await store.area(code) else { throw HTTPError(.notFound, message: "unknown area \(code)") }
            return AreaDocument(area: .init(area), children: try await store.children(of: code).map(AreaDocument.Item.init),
                                counts: try await store.counts(below: code))
        }
        return try JSONEncoder().response(body)
    }

    private func areaCode(_ context: AppRequestContext) throws -> AreaCode {
        guard let text = context.parameters.get("code"), let code = AreaCode(text) else {
            throw HTTPError(.notFound, message: "区划代码格式不正确")
        }
        return code
    }

    private func childLevelName(_ level: AreaLevel) -> String {
        switch level {
        case .county: "镇（街道）"
        case .town: "村（居）委会"
        default: "村民小组"
        }
    }
}

/// `GET /api/v1/areas/{code}`: an area, its direct children and what lies below it.
struct AreaDocument: Encodable {
    struct Item: Encodable {
        let code: String, name: String, level: String
        let parent_code: String?
        init(_ a: Area) { code = a.code.text; name = a.name; level = a.level.rawValue; parent_code = a.parentCode }
    }
    let area: Item
    let children: [Item]
    let counts: AreaCounts
}

extension JSONEncoder {
    func response(_ value: some Encodable) throws -> Response {
        outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encode(value))))
    }
}

/// What villages must publish and when (村民委员会组织法 Art. 30 and the county's rules); the
/// publications module fills these in as villages publish.
enum PublicationSchedule {
    static let items: [[String: String]] = [
        ["name": "财务公开", "rule": "每月 10 日前公开上月收支"],
        ["name": "村务公开", "rule": "每季度结束后 15 日内公开"],
        ["name": "党务公开", "rule": "每季度结束后 15 日内公开"],
        ["name": "重大事项", "rule": "决定后 5 日内公开"],
        ["name": "五议事项", "rule": "表决前公示提议 15 日以上，决议公示 3 日以上"],
    ]
}
