import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// The back office's landing page and the registry of an area or a person: full names and ID
/// numbers, so every route asks the access check for `viewRegistry` in that area first.
struct AdminRegistryRoutes {
    let services: WebServices
    let contributors: [any AreaPageContributor]
    static let pageSize = 50

    func register(on router: Router<AppRequestContext>) {
        router.get("/admin") { _, context in try await landing(context) }
        router.get("/admin/areas/:code") { request, context in try await area(request, context) }
        router.get("/admin/persons/:id") { _, context in try await person(context) }
    }

    private func landing(_ context: AppRequestContext) async throws -> HTML {
        let principal = try context.principal()
        let scope = try await services.database.read { try await AreaStore($0).area(principal.scope) }
        let links = Permission.allCases.filter { AccessPolicy.allows(principal, $0, in: principal.scope) }.compactMap { permission -> [String: String]? in
            switch permission {
            case .viewRegistry: ["href": "/admin/areas/\(principal.scope.text)", "name": "户籍与村干部名册", "about": "辖区内人口、户、村干部及其申报亲属"]
            case .importRegistry: ["href": "/admin/imports/new", "name": "导入数据", "about": "上传区划、户籍、村干部、亲属申报、发包合同等 CSV"]
            case .importDepartmentData:
                AccessPolicy.allows(principal, .importRegistry, in: principal.scope) ? nil
                    : ["href": "/admin/imports/new", "name": "导入数据", "about": "上传发放名单、备案、死亡、财政供养、车辆、工商、承包地 CSV"]
            case .viewImports: ["href": "/admin/imports", "name": "导入记录", "about": "每次导入的文件、哈希、接受与拒绝行数"]
            case .manageUsers: ["href": "/admin/users", "name": "账号管理", "about": "新建、停用账号，重置密码"]
            case .viewAudit: ["href": "/admin/audit", "name": "审计日志", "about": "全部变更的哈希链记录"]
            case .editPublications: ["href": "/admin/publications/new", "name": "发布公开事项", "about": "起草党务、村务、财务公开，提交村务监督委员会审核"]
            case .signOffPublications: ["href": "/admin/publications?status=submitted", "name": "审核公开事项", "about": "村务监督委员会审核后方可公开"]
            case .viewDraftPublications: ["href": "/admin/publications", "name": "公开事项", "about": "辖区内的草稿、待审核与已公开事项"]
            case .viewCompliance: ["href": "/admin/compliance", "name": "三公开考核", "about": "按时公开情况、逾期、排名与趋势"]
            case .viewFunds: ["href": "/admin/funds", "name": "集体资金账户", "about": "辖区内村组账户、余额与流水连续性"]
            case .editFunds: nil
            case .viewFindings: ["href": "/admin/supervision/dashboard", "name": "监察总览与比对发现", "about": "补贴、资金、发包与登记比对发现的问题，风险分布，线索办理情况"]
            case .handleLeads, .verifyLeads: ["href": "/admin/supervision/leads", "name": "问题线索", "about": "核实、办结线索，逾期提醒"]
            case .viewEchoItems: ["href": "/admin/echo", "name": "回音壁", "about": "村民的咨询、建议、投诉与举报：受理、答复、逾期升级"]
            case .viewCadreReports, .answerVillageEchoItems, .answerTownEchoItems, .answerCommissionEchoItems: nil
            }
        }
        return services.pages.page("admin-home", title: "工作台", [
            "role": principal.role.chineseName, "name": principal.displayName,
            "scope": ["code": principal.scope.text, "name": scope?.name ?? principal.scope.text],
            "links": links, "hasLinks": !links.isEmpty,
        ], context: context)
    }

    private func area(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        guard let text = context.parameters.get("code"), let code = AreaCode(text) else { throw HTTPError(.notFound) }
        let principal = try context.require(.viewRegistry, in: code)
        let page = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
        let data = try await services.database.read { db in
            let store = AreaStore(db)
            guard let area = try await store.area(code) else { throw HTTPError(.notFound, message: "没有找到区划 \(code)") }
            var children: [[String: Any]] = []
            for child in try await store.children(of: code) {
                let stats = try await PersonStore(db).statistics(in: child.code)
                children.append(["code": child.code.text, "name": child.name, "persons": stats.persons, "households": stats.households])
            }
            let persons = code.level >= .village
                ? try await PersonStore(db).persons(in: code, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize) : []
            return (area, children, try await PersonStore(db).statistics(in: code), persons,
                    try await store.ancestry(of: code).dropLast().filter { principal.scope.contains($0.code) })
        }
        let (area, children, stats, persons, ancestry) = data
        var sections: [[String: Any]] = []
        for contributor in contributors {
            sections += try await contributor.adminSections(for: area, principal: principal, services: services)
                .map { ["title": $0.title, "html": $0.html] }
        }
        return services.pages.page("admin-area", title: "\(area.name) 名册", [
            "area": ["code": area.code.text, "name": area.name, "level": area.level.chineseName],
            "stats": ["persons": stats.persons, "households": stats.households, "invalid": stats.invalidIDNumbers],
            "children": children, "hasChildren": !children.isEmpty,
            "persons": persons.prefix(Self.pageSize).map(personRow), "hasPersons": !persons.isEmpty,
            "page": page, "previous": page > 1 ? page - 1 : false, "next": persons.count > Self.pageSize ? page + 1 : false,
            "sections": sections, "hasCrumbs": !ancestry.isEmpty,
            "breadcrumbs": ancestry.map { ["name": $0.name, "href": "/admin/areas/\($0.code.text)"] },
        ], context: context)
    }

    private func person(_ context: AppRequestContext) async throws -> HTML {
        let id = context.parameters.get("id") ?? ""
        let principal = try context.principal()
        // Unknown and out-of-area numbers get the same answer, so the page cannot tell which exist.
        guard let person = try await services.database.read({ try await PersonStore($0).person(id) }),
              AccessPolicy.allows(principal, .viewRegistry, in: person.groupCode) else {
            throw AccessDenied(permission: .viewRegistry, area: principal.scope)
        }
        let household = try await services.database.read { try await PersonStore($0).household(person.householdID, within: principal.scope) }
        var sections: [[String: Any]] = []
        for contributor in contributors {
            sections += try await contributor.personSections(for: person, principal: principal, services: services)
                .map { ["title": $0.title, "html": $0.html] }
        }
        return services.pages.page("admin-person", title: person.name, [
            "person": personRow(person), "household": household.map(personRow), "sections": sections,
        ], context: context)
    }

    private func personRow(_ p: Person) -> [String: Any] {
        ["idNumber": p.idNumber, "name": p.name, "household": p.householdID, "group": p.groupCode.text,
         "relation": p.relationToHead ?? "", "gender": p.gender ?? "", "phone": p.phone ?? "", "birthDate": p.birthDate ?? "",
         "invalid": p.idProblem ?? false]
    }
}
