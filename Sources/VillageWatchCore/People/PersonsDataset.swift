import SQLKit

/// `persons.csv`: the household registry. Invalid ID numbers are kept and marked, never fixed.
public struct PersonsDataset: ImportDataset {
    public init() {}

    public let name = "persons"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [.required("id_number"), .required("name"), .required("household_id"), .required("group_code"),
                                          .optional("relation_to_head"), .optional("gender"), .optional("phone")]
    public let table = ImportTable(name: "persons", columns: [
        .text("id_number"), .text("name"), .text("household_id"), .text("group_code"), .text("relation_to_head"),
        .text("gender"), .text("phone"), .text("id_problem"), .text("birth_date"),
    ], keyCount: 1, areaColumn: "group_code")

    /// The known group codes.
    public func prepare(_ db: any SQLDatabase) async throws -> Set<String> {
        Set(try await AreaStore(db).allLevels().filter { $0.value == .group }.keys)
    }

    public func row(from record: ImportRecordFields, lookup groups: inout Set<String>) throws(ImportRowProblem) -> ImportRow {
        let id = IDNumber(try record.required("id_number"))
        let groupText = try record.required("group_code")
        guard let group = AreaCode(groupText), group.level == .group, groups.contains(group.text) else {
            throw ImportRowProblem(field: "group_code", reason: "未知的村民小组代码 (unknown village group code) \(groupText)")
        }
        let relation = record["relation_to_head"]
        guard relation.isEmpty || HouseholdRelation.all.contains(relation) else {
            throw ImportRowProblem(field: "relation_to_head", reason: "与户主关系应为 \(HouseholdRelation.all.sorted().joined(separator: "、")) 之一 (unknown relation '\(relation)')")
        }
        let gender = record["gender"]
        guard gender.isEmpty || gender == "男" || gender == "女" else {
            throw ImportRowProblem(field: "gender", reason: "性别应为 男 或 女 (unknown gender '\(gender)')")
        }
        let phone = record["phone"]
        guard phone.isEmpty || (phone.count >= 7 && phone.count <= 20 && phone.allSatisfy { $0.isASCIIDigit || $0 == "-" }) else {
            throw ImportRowProblem(field: "phone", reason: "电话号码格式不正确 (not a phone number) '\(phone)'")
        }
        return ImportRow(values: [
            .text(id.text), .text(try record.required("name")), .text(try record.required("household_id")), .text(group.text),
            .optionalText(relation), .optionalText(gender), .optionalText(phone),
            id.problem.map { .text($0.rawValue) } ?? .null, id.birthDate.map(StoredValue.text) ?? .null,
        ], area: group, warning: id.problem.map { IDNumberWarning.text(id, $0) })
    }
}

/// The warning an importer gives for an ID number it keeps although it is invalid.
public enum IDNumberWarning {
    public static func text(_ id: IDNumber, _ problem: IDNumber.Problem) -> String {
        "身份证号码 \(id.text) 校验未通过（\(problem.rawValue)），已保留并标记为无效 (kept and marked invalid)"
    }
}
