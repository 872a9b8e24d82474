import Foundation
import Hummingbird
import VillageWatchCore
import VillageWatchWeb

/// Leads (问题线索) from finding to closure: opened and assigned by a supervision officer or the
/// commission, verified with notes (by the officer, or by the village's supervision committee
/// when assigned to it), closed as confirmed or cleared, each step audited; overdue ones listed.
public struct LeadRoutes: Sendable {
    let services: WebServices
    let leads: LeadStore
    let findings: FindingStore

    public init(services: WebServices) {
        self.services = services
        leads = LeadStore(database: services.database, clock: services.clock)
        findings = FindingStore(database: services.database, clock: services.clock)
    }

    struct OpenForm: CSRFProtectedForm { let csrf: String; let assignee: String; let due_on: String }
    struct CloseForm: CSRFProtectedForm {
        let csrf: String; let result: String; let recovered: String?; let stopped: String?; let filed: String?; let referred: String?
        let summary: String?
    }

    public func register(on router: Router<AppRequestContext>) {
        router.post("/admin/supervision/findings/:id/lead") { request, context in try await open(request, context) }
        router.get("/admin/supervision/leads") { _, context in try await list(context) }
        router.get("/admin/supervision/leads/:id") { _, context in try await page(context, error: nil) }
        router.post("/admin/supervision/leads/:id/notes") { request, context in try await note(request, context) }
        router.post("/admin/supervision/leads/:id/close") { request, context in try await close(request, context) }
        router.get("/admin/supervision/leads/:id/attachments/:attachment") { _, context in try await attachment(context) }
    }

    var today: CalendarDate { services.clock.chinaToday }

    private func open(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let finding = try await findings.finding(id),
              let village = AreaCode(finding.villageCode) else { throw HTTPError(.notFound, message: "没有找到该发现") }
        let principal = try context.require(.handleLeads, in: village)
        let form = try await context.form(OpenForm.self, from: request)
        guard let due = CalendarDate(parsing: form.due_on), due >= today else { throw HTTPError(.unprocessableContent, message: "办结期限应为今天或以后的日期（YYYY-MM-DD）") }
        do {
            let lead = try await leads.open(finding: finding, assignee: form.assignee == "committee" ? nil : principal.username, dueOn: due, by: principal)
            return redirect(to: "/admin/supervision/leads/\(lead)")
        } catch let problem as LeadProblem {
            throw HTTPError(.unprocessableContent, message: problem.reason)
        }
    }

    /// The lead, after checking the principal may see it: anyone who sees findings there, or the
    /// village's committee when the lead is theirs.
    private func visibleLead(_ context: AppRequestContext) async throws -> (StoredLead, AreaCode, Principal) {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let lead = try await leads.lead(id),
              let village = AreaCode(lead.villageCode) else { throw HTTPError(.notFound, message: "没有找到该线索") }
        let principal = try context.principal()
        guard AccessPolicy.allows(principal, .viewFindings, in: village) || AccessPolicy.allows(principal, .handleLeads, in: village)
                || (lead.committee && AccessPolicy.allows(principal, .verifyLeads, in: village)) else {
            throw AccessDenied(permission: .viewFindings, area: village)
        }
        return (lead, village, principal)
    }

    private func list(_ context: AppRequestContext) async throws -> HTML {
        let principal = try context.principal()
        let committeeOnly = AccessPolicy.allows(principal, .verifyLeads, in: principal.scope)
        guard committeeOnly || AccessPolicy.allows(principal, .viewFindings, in: principal.scope) else {
            throw AccessDenied(permission: .handleLeads, area: principal.scope)
        }
        let all = try await leads.list(within: principal.scope, committeeOnly: committeeOnly)
        let overdue = Dictionary(grouping: all.filter { $0.isOverdue(on: today) }) { $0.assignee ?? "村务监督委员会 \($0.villageCode)" }
        return services.pages.page("supervision-leads", title: "问题线索", [
            "leads": all.map { lead -> [String: Any] in
                ["id": lead.id, "title": LeadWorkflow.title(for: lead.code), "village": lead.villageCode, "status": lead.status.chineseName,
                 "due": lead.dueOn.description, "overdue": lead.isOverdue(on: today), "assignee": lead.assignee ?? "村务监督委员会"]
            },
            "hasLeads": !all.isEmpty, "overdue": overdue.keys.sorted().map { ["assignee": $0, "count": overdue[$0]!.count] },
            "hasOverdue": !overdue.isEmpty, "open": all.filter { !$0.status.isClosed }.count,
        ], context: context)
    }

    private func page(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let (lead, village, principal) = try await visibleLead(context)
        guard let finding = try await findings.finding(lead.findingID) else { throw HTTPError(.notFound) }
        var values = try await SupervisionRoutes.findingValues(finding, services: services)
        let canHandle = AccessPolicy.allows(principal, .handleLeads, in: village)
        values.merge([
            "leadID": lead.id, "leadTitle": LeadWorkflow.title(for: lead.code), "status": lead.status.chineseName, "closed": lead.status.isClosed,
            "due": lead.dueOn.description, "overdue": lead.isOverdue(on: today), "assignee": lead.assignee ?? "本村村务监督委员会",
            "filingReview": LeadWorkflow.isFilingReview(lead.code), "error": error ?? false,
            "canNote": !lead.status.isClosed && (canHandle || (lead.committee && AccessPolicy.allows(principal, .verifyLeads, in: village))),
            "canClose": !lead.status.isClosed && canHandle, "canViewFinding": AccessPolicy.allows(principal, .viewFindings, in: village),
            "notes": try await notes(lead.id),
            "outcome": lead.outcome ?? false, "recovered": Fen(lead.recoveredFen).yuanText, "confirmed": lead.status == .confirmed,
            "actions": [lead.benefitStopped ? "已停发" : nil, lead.filingAdded ? "已补充备案" : nil, lead.referred ? "已移送纪委监委" : nil]
                .compactMap { $0 }.joined(separator: "、"),
        ]) { _, new in new }
        return services.pages.page("supervision-lead", title: "线索 \(lead.id)", values, context: context, status: status)
    }

    private func notes(_ lead: Int64) async throws -> [[String: Any]] {
        let files = try await leads.attachments(lead: lead)
        return try await leads.notes(lead: lead).map { note in
            ["author": note.author, "note": note.note, "at": Timestamp.chinaStandardTime(utc: note.at),
             "files": (files[note.id] ?? []).map { ["href": "/admin/supervision/leads/\(lead)/attachments/\($0.id)", "name": $0.name,
                                                     "size": "\(max(1, $0.size / 1024)) KB"] }]
        }
    }

    /// A note's file, for whoever may see the lead; served as stored, never sniffed.
    private func attachment(_ context: AppRequestContext) async throws -> Response {
        let (lead, _, _) = try await visibleLead(context)
        guard let id = context.parameters.get("attachment").flatMap(Int64.init), let file = try await leads.attachment(id), file.leadID == lead.id else {
            throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: file.contentType, .contentDisposition: ContentDisposition.value(fileName: file.name, inline: true),
                                               .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: file.content)))
    }

    private func note(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (lead, village, principal) = try await visibleLead(context)
        guard AccessPolicy.allows(principal, .handleLeads, in: village) || (lead.committee && AccessPolicy.allows(principal, .verifyLeads, in: village)) else {
            throw AccessDenied(permission: .handleLeads, area: village)
        }
        let form = try await MultipartForm.read(request, context: context, limit: 64 * 1_048_576)
        let files = form.files.filter { !$0.fileName.isEmpty }.map { (fileName: $0.fileName, bytes: $0.data) }
        return try await perform(request, context) {
            try await leads.addNote(lead: lead.id, note: form.fields["note"] ?? "", attachments: files, by: principal)
        }
    }

    private func close(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (lead, village, _) = try await visibleLead(context)
        let principal = try context.require(.handleLeads, in: village)
        let form = try await context.form(CloseForm.self, from: request)
        return try await perform(request, context) {
            try await leads.close(lead: lead.id, outcome: try Self.outcome(form), by: principal)
        }
    }

    static func outcome(_ form: CloseForm) throws -> LeadOutcome {
        guard form.result == "confirmed" else { return .cleared(reason: form.summary ?? "") }
        let recoveredText = (form.recovered ?? "").trimmingCharacters(in: .whitespaces)
        guard let recovered = recoveredText.isEmpty ? 0 : Fen(yuan: recoveredText)?.value else { throw LeadProblem("追回金额格式不正确：\(recoveredText)") }
        return .confirmed(recoveredFen: recovered, benefitStopped: form.stopped == "1", filingAdded: form.filed == "1", referred: form.referred == "1",
                          summary: form.summary ?? "")
    }

    /// Runs a lead action; a refusal re-shows the page with the reason.
    private func perform(_ request: Request, _ context: AppRequestContext, _ action: () async throws -> Void) async throws -> Response {
        do {
            try await action()
        } catch let problem as LeadProblem {
            return try await page(context, error: problem.reason, status: .unprocessableContent).response(from: request, context: context)
        }
        return redirect(to: request.uri.path.components(separatedBy: "/").dropLast().joined(separator: "/"))
    }
}
