import Foundation
import VillageWatchCore

/// An item as Open311 shows it: the public view only (masked text; none for a report about a
/// cadre; never the reporter), its status and the answer as `status_notes`.
struct Open311Request {
    let item: StoredEchoItem
    let villageName: String

    var record: Open311Document.Record {
        let service = Open311Service(kind: item.kind, category: item.category)
        return Open311Document.Record([
            ("service_request_id", .text(String(item.id))), ("status", .text(item.status.open311)), ("status_notes", .text(item.publicAnswer)),
            ("service_name", .text(service.name)), ("service_code", .text(service.code)),
            ("description", .text(item.publicText ?? "举报内容不公开")),
            ("agency_responsible", .text("\(villageName) · \(item.level.chineseName)")),
            ("service_notice", .text(item.status.awaitsAnswer ? "\(item.status.chineseName)，答复期限 \(item.state.answerBy)" : item.status.chineseName)),
            ("requested_datetime", .text(Open311Time.w3c(utc: item.submittedAt))), ("updated_datetime", .text(Open311Time.w3c(utc: item.updatedAt))),
            ("expected_datetime", .text(item.status.awaitsAnswer ? "\(item.state.answerBy)T23:59:59+08:00" : nil)),
            ("address", .text(villageName)), ("address_id", .text(item.villageCode)), ("zipcode", .text(nil)),
            ("lat", .text(nil)), ("long", .text(nil)), ("media_url", .text(nil)),
        ])
    }
}

/// Open311's W3C date-times, written in China Standard Time.
enum Open311Time {
    static func w3c(utc: String) -> String {
        Timestamp.chinaStandardTime(utc: utc).replacingOccurrences(of: " ", with: "T") + ":00+08:00"
    }

    /// `2026-11-01T00:00:00+08:00`, `…Z`, with or without fractional seconds, or a bare date
    /// (China Standard Time: its start, or its end for `endOfDay`).
    static func parse(_ text: String, endOfDay: Bool) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        guard let day = CalendarDate(parsing: text) else { return nil }
        return try? Date("\(day)T\(endOfDay ? "23:59:59" : "00:00:00")+08:00", strategy: .iso8601)
    }
}
