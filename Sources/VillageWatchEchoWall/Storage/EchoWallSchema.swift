import VillageWatchCore

/// The echo wall's tables. Reporters' names and phones are sealed (`SecretBox`, AES-GCM, key
/// outside the database); the phone and address are also kept as fingerprints keyed with the same
/// key (`SecretBox.fingerprint`), only to count submissions for the rate limits. Receipt codes are
/// kept as hashes. `public_text` and `public_answer` are what public pages show, masked once when
/// written.
public enum EchoWallSchema {
    public static let schema = ModuleSchema(module: "echo-wall", migrations: [
        Migration(version: 1, name: "echo wall items, their events and photos, Open311 keys", statements: [
            """
            CREATE TABLE echo_items (
                id {id}, receipt_hash TEXT NOT NULL UNIQUE, token TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, category TEXT NOT NULL,
                village_code TEXT NOT NULL REFERENCES areas (code), level TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL, public_text TEXT,
                reporter_sealed TEXT, phone_hash TEXT, ip_hash TEXT NOT NULL, content_hash TEXT NOT NULL, source TEXT NOT NULL,
                submitted_at TEXT NOT NULL, acknowledge_by TEXT, acknowledged_at TEXT, answer_by TEXT NOT NULL, answer TEXT, public_answer TEXT,
                answered_at TEXT, answered_by TEXT, answered_late BIGINT NOT NULL, response_days BIGINT, rating BIGINT,
                reopened BIGINT NOT NULL, escalations BIGINT NOT NULL, updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX echo_items_village ON echo_items (village_code, status)",
            "CREATE INDEX echo_items_content ON echo_items (content_hash)",
            "CREATE INDEX echo_items_ip ON echo_items (ip_hash, submitted_at)",
            "CREATE INDEX echo_items_phone ON echo_items (phone_hash, submitted_at)",
            """
            CREATE TABLE echo_events (
                id {id}, item_id BIGINT NOT NULL REFERENCES echo_items (id), action TEXT NOT NULL, level TEXT NOT NULL,
                actor TEXT NOT NULL, at TEXT NOT NULL)
            """,
            "CREATE INDEX echo_events_item ON echo_events (item_id)",
            """
            CREATE TABLE echo_photos (
                id {id}, item_id BIGINT NOT NULL REFERENCES echo_items (id), file_name TEXT NOT NULL, content_type TEXT NOT NULL,
                size BIGINT NOT NULL, sha256 TEXT NOT NULL, content {blob} NOT NULL)
            """,
            "CREATE TABLE echo_form_nonces (nonce TEXT PRIMARY KEY, item_id BIGINT NOT NULL REFERENCES echo_items (id))",
            "CREATE TABLE echo_lookup_failures (id {id}, ip_hash TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE INDEX echo_lookup_failures_ip ON echo_lookup_failures (ip_hash, at)",
            """
            CREATE TABLE open311_keys (
                id {id}, name TEXT NOT NULL UNIQUE, key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)
            """,
        ]),
    ])
}
