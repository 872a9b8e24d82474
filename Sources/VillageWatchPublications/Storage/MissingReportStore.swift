import Crypto
import Foundation
import SQLKit
import VillageWatchCore

/// Villagers' reports that something was not published (村民委员会组织法 Art. 31). They reach the
/// town; the reporter is anonymous (only a salted hash of the address is kept, to limit abuse).
public struct MissingReportStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    /// Reports one address may file per hour.
    public static let hourlyLimit = 5

    public init(database: Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    public struct Report: Sendable {
        public let villageCode: String, kind: PublicationKind, period: String?, text: String, createdAt: String
    }

    public func file(village: AreaCode, kind: PublicationKind, period: String, text: String, ip: String) async throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines).filter { !$0.isNewline }
        guard (2...500).contains(text.count) else { throw PublicationProblem("情况说明应为 2 至 500 字") }
        let period = period.trimmingCharacters(in: .whitespaces)
        guard period.isEmpty || PublicationPeriod(parsing: period) != nil else { throw PublicationProblem("期间格式应为 2026-10 或 2026-Q3") }
        guard let town = village.town else { throw PublicationProblem("请在村页面反映") }
        let ipHash = SHA256.hash(data: Data("vw-missing-report:\(ip)".utf8)).map { String(format: "%02x", $0) }.joined()
        try await database.transaction { tx in
            let since = Timestamp.utc(clock.now().addingTimeInterval(-3600))
            let recent = try await tx.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("missing_publication_reports")
                .where("reporter_ip_hash", .equal, SQLBind(ipHash)).where("created_at", .greaterThan, SQLBind(since))
                .first(decodingColumn: "n", as: Int.self) ?? 0
            guard recent < Self.hourlyLimit else { throw PublicationProblem("提交过于频繁，请稍后再试") }
            try await tx.sql.insert(into: "missing_publication_reports")
                .columns("village_code", "town_code", "kind", "period", "text", "reporter_ip_hash", "created_at")
                .values(SQLBind(village.text), SQLBind(town.text), SQLBind(kind.rawValue), SQLBind(period.isEmpty ? nil : period),
                        SQLBind(text), SQLBind(ipHash), SQLBind(Timestamp.utc(clock.now()))).run()
            try await AuditLog.append(tx, actor: .system, action: "publication.missing-report", target: "areas/\(village.text)",
                                      after: ["kind": kind.rawValue, "period": period], clock: clock)
        }
    }

    /// Reports about villages inside `area`, newest first.
    public func reports(within area: AreaCode, limit: Int = 200) async throws -> [Report] {
        try await database.read { db in
            try await db.select().column("*").from("missing_publication_reports").where(SQLSubtree("village_code", of: area))
                .orderBy("id", .descending).limit(limit).all().compactMap { row in
                    guard let kind = PublicationKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
                    return Report(villageCode: try row.decode(column: "village_code", as: String.self), kind: kind,
                                  period: try row.decode(column: "period", as: String?.self), text: try row.decode(column: "text", as: String.self),
                                  createdAt: try row.decode(column: "created_at", as: String.self))
                }
        }
    }
}
