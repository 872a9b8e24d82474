import VillageWatchCore

/// Publications, their versions (every version kept), attachments, the search index, and
/// villagers' reports of missing publications.
public enum PublicationsSchema {
    public static let schema = ModuleSchema(module: "publications", migrations: [
        Migration(version: 1, name: "publications, versions, attachments, search terms, missing reports", statements: [
            """
            CREATE TABLE publications (
                id {id}, village_code TEXT NOT NULL REFERENCES areas (code), kind TEXT NOT NULL, category TEXT NOT NULL,
                period TEXT, decided_on TEXT, vote_on TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL)
            """,
            "CREATE INDEX publications_village ON publications (village_code, kind, period)",
            """
            CREATE TABLE publication_versions (
                id {id}, publication_id BIGINT NOT NULL REFERENCES publications (id), version INTEGER NOT NULL,
                title TEXT NOT NULL, body_html TEXT NOT NULL, status TEXT NOT NULL, withdrawal BOOLEAN NOT NULL,
                reason TEXT, author TEXT NOT NULL, created_at TEXT NOT NULL, submitted_at TEXT, review_note TEXT,
                signed_off_by TEXT, published_at TEXT, published_on TEXT, log_index BIGINT,
                UNIQUE (publication_id, version))
            """,
            "CREATE INDEX publication_versions_status ON publication_versions (status, published_on)",
            """
            CREATE TABLE publication_attachments (
                id {id}, version_id BIGINT NOT NULL REFERENCES publication_versions (id), file_name TEXT NOT NULL,
                content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, content {blob} NOT NULL)
            """,
            "CREATE INDEX publication_attachments_version ON publication_attachments (version_id)",
            "CREATE TABLE publication_terms (term TEXT NOT NULL, version_id BIGINT NOT NULL REFERENCES publication_versions (id), PRIMARY KEY (term, version_id))",
            """
            CREATE TABLE missing_publication_reports (
                id {id}, village_code TEXT NOT NULL REFERENCES areas (code), town_code TEXT NOT NULL, kind TEXT NOT NULL,
                period TEXT, text TEXT NOT NULL, reporter_ip_hash TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX missing_reports_town ON missing_publication_reports (town_code, created_at)",
        ]),
    ])
}
