import VillageWatchCore

/// The public record's log: one row per leaf (what it is, and its hash at the time it was
/// appended) and every signed checkpoint.
public enum TransparencySchema {
    public static let schema = ModuleSchema(module: "transparency", migrations: [
        Migration(version: 1, name: "log leaves and checkpoints", statements: [
            """
            CREATE TABLE log_leaves (
                idx BIGINT PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, leaf_hash TEXT NOT NULL,
                appended_at TEXT NOT NULL, UNIQUE (kind, ref))
            """,
            "CREATE TABLE log_head (id INTEGER PRIMARY KEY, size BIGINT NOT NULL)",
            "INSERT INTO log_head (id, size) VALUES (1, 0)",
            """
            CREATE TABLE log_checkpoints (
                size BIGINT PRIMARY KEY, root TEXT NOT NULL, note TEXT NOT NULL, signed_at TEXT NOT NULL)
            """,
        ]),
    ])
}
