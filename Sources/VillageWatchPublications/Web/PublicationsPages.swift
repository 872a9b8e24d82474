import Foundation
import VillageWatchCore
import VillageWatchWeb

/// What the publications module adds to a village's public page: its latest publications, its
/// compliance over the last twelve months with what is overdue, and the form to report a
/// missing publication.
public struct PublicationsPages: AreaPageContributor {
    let rules: ComplianceRules

    public init(rules: ComplianceRules) { self.rules = rules }

    public static var templates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    public func publicSections(for area: Area, services: WebServices) async throws -> [PageSection] {
        guard area.level == .village else { return [] }
        let today = ComplianceClock.today(services.clock)
        let month = PublicationPeriod.month(containing: today).previous
        let (latest, report) = try await services.database.read { db in
            (try await PublicationReader(db).publicList(village: area.code, kind: nil, period: nil, limit: 5, offset: 0),
             try await ComplianceReport.build(area: area, month: month, monthCount: 12, today: today, rules: rules, db: db))
        }
        let row = report.rows.first
        let overdue = (row?.obligations ?? []).filter(\.isFinding)
        let html = services.pages.fragment("publications-village-section", [
            "items": latest.map(PublicationPresenter.summary), "hasItems": !latest.isEmpty, "village": area.code.text,
            "score": row?.score ?? 100, "overdue": overdue.isEmpty ? false : overdue.count,
            "overdueItems": overdue.map { ["label": $0.label, "dueOn": $0.dueOn.description, "days": $0.lateDays] },
            "kinds": PublicationPresenter.kinds, "reportCSRF": MissingReportRoutes.formToken,
        ])
        return [PageSection(title: "三公开", html: html)]
    }
}

/// "Today" for deadlines is the civil date in China Standard Time.
enum ComplianceClock {
    static func today(_ clock: any WallClock) -> CalendarDate {
        clock.chinaToday
    }
}
