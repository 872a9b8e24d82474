import SQLKit

/// `areas.csv`: the county, towns and villages from the statistical division codes, and the
/// village groups the county adds. Loading the division file is this same import, with the
/// edition year recorded on each row.
public struct AreasDataset: ImportDataset {
    /// The division edition (`2022`) when loading the statistical codes; `nil` for groups.
    public let edition: String?

    public init(edition: String? = nil) { self.edition = edition }

    public let name = "areas"
    public let permission = Permission.importRegistry
    public let columns: [ImportColumn] = [.required("code"), .required("name"), .required("level"), .required("parent_code")]
    public let table = ImportTable(name: "areas", columns: [.text("code"), .text("name"), .text("level"), .text("parent_code"), .text("edition")], keyCount: 1, areaColumn: "code")

    public func prepare(_ db: any SQLDatabase) async throws -> [String: AreaLevel] {
        try await AreaStore(db).allLevels()
    }

    public func row(from record: ImportRecordFields, lookup known: inout [String: AreaLevel]) throws(ImportRowProblem) -> ImportRow {
        let codeText = try record.required("code")
        guard let code = AreaCode(codeText) else {
            throw ImportRowProblem(field: "code", reason: "不是 12 位统计区划代码或 15 位小组代码 (not a 12-digit division code or 15-digit group code): \(codeText)")
        }
        let levelText = try record.required("level").lowercased()
        guard let level = AreaLevel(rawValue: levelText) else {
            throw ImportRowProblem(field: "level", reason: "层级应为 county、town、village 或 group (unknown level '\(levelText)')")
        }
        guard level == code.level else {
            throw ImportRowProblem(field: "level", reason: "代码 \(code) 是 \(code.level.rawValue) 级，与 level=\(level.rawValue) 不符 (the code is a \(code.level.rawValue) code)")
        }
        let parent = try record.required("parent_code")
        if level != .county { try checkParent(parent, of: code, known: known) }
        known[code.text] = level
        return ImportRow(values: [.text(code.text), .text(try record.required("name")), .text(level.rawValue), .text(parent),
                                  edition.map(StoredValue.text) ?? .null],
                         area: code)
    }

    /// Towns and villages come from the statistical division codes only; users add groups.
    public func refusal(of row: ImportRow, by principal: Principal) -> String? {
        row.area.level == .group ? nil : "只能添加村民小组，县、镇、村以统计区划代码为准 (only village groups may be added)"
    }

    private func checkParent(_ parent: String, of code: AreaCode, known: [String: AreaLevel]) throws(ImportRowProblem) {
        let expected: String? = switch code.level {
        case .group: code.village?.text
        case .village: code.town?.text
        case .town: String(code.text.prefix(6)) + "000000"
        case .county: nil
        }
        guard parent == expected else {
            throw ImportRowProblem(field: "parent_code", reason: "上级应为 \(expected ?? "?") (parent of \(code) must be \(expected ?? "?"), not \(parent))")
        }
        guard known[parent] != nil else {
            throw ImportRowProblem(field: "parent_code", reason: "未知的上级区划 \(parent) (unknown parent area)")
        }
    }
}
