import SQLKit
import VillageWatchCore

/// `benefits.csv`: the payment rolls of subsidy and assistance programmes, from the county's
/// departments. A payment of a programme nobody has defined is kept and treated as neither
/// means-tested nor area-based until `programs.csv` defines it (with a warning).
public struct BenefitsDataset: ImportDataset {
    public init() {}

    public struct Lookup: Sendable {
        let areas: VillageAreas
        let programs: Set<String>
    }

    public let name = "benefits"
    public let permission = Permission.importDepartmentData
    public let columns: [ImportColumn] = [
        .required("payment_id"), .required("program_code"), .required("program_name"), .required("department"), .required("recipient_id_number"),
        .required("recipient_name"), .required("village_code"), .required("period"), .required("amount"), .optional("quantity"), .optional("unit"),
        .optional("payee_account"), .optional("payee_account_name"), .optional("paid_on"),
    ]
    public let table = ImportTable(name: "benefit_payments", columns: [
        .text("department"), .text("payment_id"), .text("program_code"), .text("program_name"), .text("recipient_id_number"), .text("recipient_name"),
        .text("area_code"), .text("period"), .integer("amount_fen"), .integer("quantity_hundredths"), .text("unit"), .text("payee_account"),
        .text("payee_account_name"), .text("paid_on"), .text("id_problem"),
    ], keyCount: 2, areaColumn: "area_code")

    public func prepare(_ db: any SQLDatabase) async throws -> Lookup {
        let defined = try await db.select().column("program_code").from("benefit_programs").all(decodingColumn: "program_code", as: String.self)
        return Lookup(areas: try await VillageAreas.load(db), programs: Set(defined + BenefitProgram.builtIn.map(\.code)))
    }

    public func row(from record: ImportRecordFields, lookup: inout Lookup) throws(ImportRowProblem) -> ImportRow {
        let recipient = try RegistryID(record, "recipient_id_number")
        let program = try record.required("program_code").uppercased()
        let area = try lookup.areas.area(record, "village_code")
        let account = record["payee_account"].filter { !$0.isWhitespace }
        guard account.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
            throw ImportRowProblem(field: "payee_account", reason: "账号只能包含数字和横线 (not an account number) '\(account)'")
        }
        let unknown = lookup.programs.contains(program) ? nil : "未定义的项目 \(program)，暂按非困难救助、非按面积补贴处理，请导入 programs.csv (unknown programme)"
        return ImportRow(values: [
            .text(try record.required("department")), .text(try record.required("payment_id")), .text(program), .text(try record.required("program_name")),
            recipient.text, .text(try record.required("recipient_name")), .text(area.text), .text(try record.period("period")),
            .integer(try record.amount("amount")), try record.optionalHundredths("quantity").map(StoredValue.integer) ?? .null,
            .optionalText(record["unit"]), .optionalText(account), .optionalText(record["payee_account_name"]),
            try record.optionalDate("paid_on").map { .text($0.description) } ?? .null, recipient.problem,
        ], area: area, warning: [recipient.warning, unknown].compactMap { $0 }.joined(separator: "；").nilIfEmpty)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
