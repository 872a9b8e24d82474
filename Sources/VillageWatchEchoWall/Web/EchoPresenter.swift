import Foundation
import VillageWatchCore

/// How items appear on pages: one place builds the public view (what villagers and the public
/// see, masked) and adds the back office's fields on top, so no page shows more than it should.
enum EchoPresenter {
    /// What anyone may see of an item.
    static func publicValues(_ item: StoredEchoItem, villageName: String, today: CalendarDate) -> [String: Any] {
        [
            "id": item.id, "kind": item.kind.chineseName, "category": item.category.chineseName, "village": item.villageCode,
            "villageName": villageName, "status": item.status.chineseName, "level": item.level.chineseName,
            "text": item.publicText ?? false, "withheld": item.kind.isCadreReport,
            "reporter": item.kind.isCadreReport ? false : (item.anonymous ? "匿名" : "实名（信息保密）"),
            "submittedAt": Timestamp.chinaStandardTime(utc: item.submittedAt), "answerBy": item.state.answerBy.description,
            "overdue": EchoWorkflow.isOverdue(item.state, on: today), "answer": item.publicAnswer ?? false,
            "answeredAt": item.answeredAt.map(Timestamp.chinaStandardTime(utc:)) ?? false,
            "responseDays": item.responseDays.map { $0 == 0 ? "当天" : "\($0) 个工作日" } ?? false, "late": item.answeredLate,
            "rating": item.rating.map { String(repeating: "★", count: $0) + String(repeating: "☆", count: 5 - $0) } ?? false,
            "escalated": item.escalations > 0, "reopened": item.state.reopened,
        ]
    }

    static func timeline(_ events: [(action: String, level: EchoLevel, actor: String, at: String)], showActors: Bool) -> [[String: Any]] {
        events.map { event in
            ["at": Timestamp.chinaStandardTime(utc: event.at), "what": describe(event.action, level: event.level),
             "actor": showActors && !["villager", "system", "web"].contains(event.actor) && !event.actor.hasPrefix("open311:") ? event.actor : false]
        }
    }

    static func describe(_ action: String, level: EchoLevel) -> String {
        switch action {
        case "submitted": "提交，转\(level.chineseName)办理"
        case "acknowledged": "\(level.chineseName)受理"
        case "answered": "\(level.chineseName)答复"
        case "escalated": "逾期未办，升级至\(level.chineseName)"
        case "rated": "村民评价，办结"
        case "reopened": "村民不满意，申请重新办理"
        default: action
        }
    }

    static var kinds: [[String: String]] { EchoItemKind.allCases.map { ["value": $0.rawValue, "name": $0.chineseName] } }
    static var categories: [[String: String]] { EchoCategory.allCases.map { ["value": $0.rawValue, "name": $0.chineseName] } }
}
