import SQLKit

/// A canonical dataset of IMPORT-FORMATS.md: its columns, the table it fills and how one record
/// becomes one stored row. The pipeline does everything else — reading, header mapping, keys,
/// idempotence, conflicts, scope checks, all-or-nothing commit and the import record — the same
/// way for every dataset.
public protocol ImportDataset: Sendable {
    /// What `prepare` loads once per run so that rows can be checked against stored data
    /// (known areas, known cadres) without a query per row.
    associatedtype Lookup

    /// The dataset name used on the command line: `persons`, `bank-transactions`, …
    var name: String { get }
    var columns: [ImportColumn] { get }
    var table: ImportTable { get }
    /// The permission an importing user needs in each row's area.
    var permission: Permission { get }

    func prepare(_ db: any SQLDatabase) async throws -> Lookup

    /// Validates one record. `lookup` is updated with accepted rows so that later rows of the
    /// same file may refer to earlier ones (a group whose village is defined above it).
    func row(from record: ImportRecordFields, lookup: inout Lookup) throws(ImportRowProblem) -> ImportRow

    /// A reason this user may not import this row even inside their area, or `nil`.
    func refusal(of row: ImportRow, by principal: Principal) -> String?

    /// Checks across all stored rows after a run's rows are written, inside its transaction
    /// (a bank account's running balance): warnings for the report, never a rejection.
    func review(_ tx: DatabaseTransaction, importID: Int64) async throws -> [String]
}

extension ImportDataset {
    public func refusal(of row: ImportRow, by principal: Principal) -> String? { nil }
    public func review(_ tx: DatabaseTransaction, importID: Int64) async throws -> [String] { [] }
}

/// A validated row: its stored values, in `table.columns` order, and the area it belongs to.
public struct ImportRow: Sendable {
    public let values: [StoredValue]
    public let area: AreaCode
    public let warning: String?

    public init(values: [StoredValue], area: AreaCode, warning: String? = nil) {
        self.values = values
        self.area = area
        self.warning = warning
    }
}
