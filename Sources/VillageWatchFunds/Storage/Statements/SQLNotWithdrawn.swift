import SQLKit
import VillageWatchPublications

/// "The publication `table.column` names has no published withdrawal": the one condition both reading
/// statements and choosing the publication a new statement belongs to must agree on.
struct SQLNotWithdrawn: SQLExpression {
    let publication: SQLColumn

    init(_ column: String, of table: String) { publication = SQLColumn(column, table: table) }

    func serialize(to serializer: inout SQLSerializer) {
        let query: SQLQueryString = """
            NOT EXISTS (SELECT 1 FROM publication_versions w WHERE w.publication_id = \(publication) AND w.withdrawal = \(bind: true)
                AND w.status = \(bind: VersionStatus.published.rawValue))
            """
        query.serialize(to: &serializer)
    }
}
