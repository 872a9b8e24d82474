import VillageWatchCore

/// Collective accounts and their bank flows. Amounts are integer fen; `booked_at` is UTC text,
/// `booked_on` the China Standard Time date the bank booked it (what months are counted by).
public enum FundsSchema {
    public static let schema = ModuleSchema(module: "funds", migrations: [
        Migration(version: 1, name: "bank accounts and transactions", statements: [
            """
            CREATE TABLE bank_accounts (
                account_number TEXT PRIMARY KEY, account_name TEXT NOT NULL, bank TEXT NOT NULL,
                area_code TEXT NOT NULL REFERENCES areas (code), opened_on TEXT, purpose TEXT,
                import_id BIGINT NOT NULL REFERENCES imports (id))
            """,
            "CREATE INDEX bank_accounts_area ON bank_accounts (area_code)",
            """
            CREATE TABLE bank_transactions (
                account_number TEXT NOT NULL REFERENCES bank_accounts (account_number), transaction_id TEXT NOT NULL,
                booked_at TEXT NOT NULL, booked_on TEXT NOT NULL, amount_fen BIGINT NOT NULL, balance_fen BIGINT,
                counterparty_account TEXT, counterparty_name TEXT, counterparty_bank TEXT, channel TEXT, summary TEXT, purpose TEXT,
                area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id),
                PRIMARY KEY (account_number, transaction_id))
            """,
            "CREATE INDEX bank_transactions_booked ON bank_transactions (account_number, booked_at)",
            "CREATE INDEX bank_transactions_area ON bank_transactions (area_code, booked_on)",
        ]),
        Migration(version: 2, name: "bank push-feed clients and nonces", statements: [
            "CREATE TABLE bank_clients (name TEXT PRIMARY KEY, sealed_secret TEXT NOT NULL, created_at TEXT NOT NULL, disabled BOOLEAN NOT NULL)",
            "CREATE TABLE bank_feed_nonces (client TEXT NOT NULL, nonce TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (client, nonce))",
        ]),
        Migration(version: 3, name: "category overrides by the village clerk", statements: [
            """
            CREATE TABLE bank_transaction_categories (
                account_number TEXT NOT NULL, transaction_id TEXT NOT NULL, category TEXT NOT NULL, reason TEXT NOT NULL,
                set_by TEXT NOT NULL, set_at TEXT NOT NULL, PRIMARY KEY (account_number, transaction_id),
                FOREIGN KEY (account_number, transaction_id) REFERENCES bank_transactions (account_number, transaction_id))
            """,
        ]),
        Migration(version: 4, name: "monthly finance statements published through the publications module", statements: [
            """
            CREATE TABLE finance_statements (
                version_id BIGINT PRIMARY KEY REFERENCES publication_versions (id), publication_id BIGINT NOT NULL REFERENCES publications (id),
                village_code TEXT NOT NULL REFERENCES areas (code), period TEXT NOT NULL, opening_fen BIGINT NOT NULL,
                prepared_by TEXT NOT NULL, prepared_at TEXT NOT NULL)
            """,
            "CREATE INDEX finance_statements_village ON finance_statements (village_code, period)",
            """
            CREATE TABLE finance_statement_lines (
                version_id BIGINT NOT NULL REFERENCES finance_statements (version_id), category TEXT NOT NULL,
                amount_fen BIGINT NOT NULL, generated_fen BIGINT NOT NULL, reason TEXT, PRIMARY KEY (version_id, category))
            """,
        ]),
    ])
}
