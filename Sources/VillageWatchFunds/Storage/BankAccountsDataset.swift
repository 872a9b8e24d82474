import SQLKit
import VillageWatchCore

/// `bank-accounts.csv`: the collective accounts of villages and groups.
public struct BankAccountsDataset: ImportDataset {
    public init() {}

    public let name = "bank-accounts"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [.required("account_number"), .required("account_name"), .required("bank"), .required("area_code"),
                                          .optional("opened_on"), .optional("purpose")]
    public let table = ImportTable(name: "bank_accounts", columns: [
        .text("account_number"), .text("account_name"), .text("bank"), .text("area_code"), .text("opened_on"), .text("purpose"),
    ], keyCount: 1, areaColumn: "area_code")

    /// Known villages and groups.
    public func prepare(_ db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.select().column("code").from("areas").where("level", .in, [AreaLevel.village.rawValue, AreaLevel.group.rawValue])
            .all(decodingColumn: "code", as: String.self))
    }

    public func row(from record: ImportRecordFields, lookup areas: inout Set<String>) throws(ImportRowProblem) -> ImportRow {
        let number = try record.required("account_number").filter { !$0.isWhitespace }
        guard number.count <= 40, number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw ImportRowProblem(field: "account_number", reason: "账号只能包含数字、字母和横线 (not an account number) '\(number)'")
        }
        let areaText = try record.required("area_code")
        guard let area = AreaCode(areaText), areas.contains(area.text) else {
            throw ImportRowProblem(field: "area_code", reason: "未知的村或村民小组代码 (unknown village or group code) \(areaText)")
        }
        let opened = try record.optionalDate("opened_on")
        return ImportRow(values: [.text(number), .text(try record.required("account_name")), .text(try record.required("bank")), .text(area.text),
                                  opened.map { .text($0.description) } ?? .null, .optionalText(record["purpose"])],
                         area: area)
    }
}
