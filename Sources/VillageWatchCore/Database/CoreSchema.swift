/// Tables of the core: areas, people, imports, users and sessions, the audit chain.
public enum CoreSchema {
    public static let schema = ModuleSchema(module: "core", migrations: [
        Migration(version: 1, name: "areas, persons, imports", statements: [
            """
            CREATE TABLE imports (
                id {id}, dataset TEXT NOT NULL, file_name TEXT NOT NULL, file_sha256 TEXT NOT NULL,
                encoding TEXT NOT NULL, actor TEXT NOT NULL, scope_code TEXT NOT NULL,
                started_at TEXT NOT NULL, finished_at TEXT NOT NULL, outcome TEXT NOT NULL,
                rows_read INTEGER NOT NULL, rows_inserted INTEGER NOT NULL, rows_unchanged INTEGER NOT NULL,
                rows_rejected INTEGER NOT NULL, problems TEXT NOT NULL)
            """,
            "CREATE INDEX imports_scope ON imports (scope_code, started_at)",
            """
            CREATE TABLE areas (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
                edition TEXT, import_id BIGINT REFERENCES imports (id))
            """,
            "CREATE INDEX areas_parent ON areas (parent_code)",
            """
            CREATE TABLE persons (
                id_number TEXT PRIMARY KEY, name TEXT NOT NULL, household_id TEXT NOT NULL,
                group_code TEXT NOT NULL REFERENCES areas (code), relation_to_head TEXT, gender TEXT, phone TEXT,
                id_problem TEXT, birth_date TEXT, import_id BIGINT NOT NULL REFERENCES imports (id))
            """,
            "CREATE INDEX persons_group ON persons (group_code)",
            "CREATE INDEX persons_household ON persons (household_id)",
        ]),
        Migration(version: 2, name: "users, sessions, login throttling", statements: [
            """
            CREATE TABLE users (
                id {id}, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
                scope_code TEXT NOT NULL REFERENCES areas (code), department TEXT, password_hash TEXT NOT NULL,
                must_change_password BOOLEAN NOT NULL, disabled BOOLEAN NOT NULL,
                created_at TEXT NOT NULL, password_changed_at TEXT)
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id),
                csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE TABLE login_failures (id {id}, username TEXT NOT NULL, ip TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE INDEX login_failures_user ON login_failures (username, at)",
            "CREATE INDEX login_failures_ip ON login_failures (ip, at)",
        ]),
        Migration(version: 3, name: "audit chain", statements: [
            """
            CREATE TABLE audit_log (
                seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                target TEXT NOT NULL, before_state TEXT, after_state TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\(AuditLog.genesisHash)')",
        ]),
    ])
}
