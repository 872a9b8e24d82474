import SQLKit
import VillageWatchCore

/// `contracts.csv`: leases of the village's collective assets and resources (发包台账).
public struct ContractsDataset: ImportDataset {
    public init() {}

    public static let assetTypes: Set = ["耕地", "林地", "山地", "鱼塘", "厂房", "铺面", "其他"]
    public static let awardMethods: Set = ["公开招标", "公开竞价", "协商", "其他"]
    public static let schedules: Set = ["年付", "半年付", "季付", "月付"]

    public let name = "contracts"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [
        .required("contract_id"), .required("village_code"), .required("asset_type"), .required("asset_name"), .required("lessee_name"),
        .optional("lessee_id_number"), .optional("area_mu"), .required("start_date"), .required("end_date"), .required("annual_rent"),
        .optional("award_method"), .optional("signed_on"), .optional("payment_schedule"),
    ]
    public let table = ImportTable(name: "leases", columns: [
        .text("contract_id"), .text("village_code"), .text("asset_type"), .text("asset_name"), .text("lessee_name"), .text("lessee_id_number"),
        .integer("area_hundredths"), .text("start_date"), .text("end_date"), .integer("annual_rent_fen"), .text("award_method"), .text("signed_on"),
        .text("payment_schedule"), .text("id_problem"),
    ], keyCount: 1, areaColumn: "village_code")

    public func prepare(_ db: any SQLDatabase) async throws -> VillageAreas { try await VillageAreas.load(db) }

    public func row(from record: ImportRecordFields, lookup areas: inout VillageAreas) throws(ImportRowProblem) -> ImportRow {
        let village = try areas.area(record, "village_code", villageOnly: true)
        let asset = try Self.choice(record, "asset_type", Self.assetTypes, required: true)
        let start = try record.date("start_date"), end = try record.date("end_date")
        guard end >= start else { throw ImportRowProblem(field: "end_date", reason: "承包结束日期早于开始日期 (ends before it starts)") }
        let lessee = record["lessee_id_number"].isEmpty ? nil : try RegistryID(record, "lessee_id_number")
        let rent = try record.amount("annual_rent", positive: false)
        guard rent >= 0 else { throw ImportRowProblem(field: "annual_rent", reason: "年租金不能为负 (negative rent)") }
        return ImportRow(values: [
            .text(try record.required("contract_id")), .text(village.text), .text(asset), .text(try record.required("asset_name")),
            .text(try record.required("lessee_name")), lessee?.text ?? .null, try record.optionalHundredths("area_mu").map(StoredValue.integer) ?? .null,
            .text(start.description), .text(end.description), .integer(rent),
            .optionalText(try Self.choice(record, "award_method", Self.awardMethods)),
            try record.optionalDate("signed_on").map { .text($0.description) } ?? .null,
            .optionalText(try Self.choice(record, "payment_schedule", Self.schedules)), lessee?.problem ?? .null,
        ], area: village, warning: lessee?.warning)
    }

    /// A value from a fixed list (or empty when optional), refused with the list.
    static func choice(_ record: ImportRecordFields, _ column: String, _ allowed: Set<String>, required: Bool = false) throws(ImportRowProblem) -> String {
        let text = required ? try record.required(column) : record[column]
        guard text.isEmpty || allowed.contains(text) else {
            throw ImportRowProblem(field: column, reason: "应为 \(allowed.sorted().joined(separator: "、")) 之一 (not one of the allowed values) '\(text)'")
        }
        return text
    }
}
