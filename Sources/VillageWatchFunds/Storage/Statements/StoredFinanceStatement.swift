import VillageWatchCore
import VillageWatchPublications

/// A finance statement as saved with one version of the month's finance publication.
public struct StoredFinanceStatement: Sendable {
    public let publicationID: Int64
    public let versionID: Int64
    public let version: Int
    public let status: VersionStatus
    public let publishedAt: String?
    public let statement: FinanceStatement
}
