import VillageWatchCore

/// What the supervision module compares: benefit programmes and their payment rolls, cadres'
/// relatives' filings, the registries of deaths, public employees, vehicles, businesses and
/// contracted land, and the village's leases. Money is integer fen; areas (亩) are hundredths.
public enum SupervisionSchema {
    public static let schema = ModuleSchema(module: "supervision", migrations: [
        Migration(version: 1, name: "benefit programmes, payment rolls, filings, registries and leases", statements: [
            """
            CREATE TABLE benefit_programs (
                program_code TEXT PRIMARY KEY, program_name TEXT NOT NULL, department TEXT NOT NULL,
                means_tested BIGINT NOT NULL, area_based BIGINT NOT NULL, area_code TEXT NOT NULL,
                import_id BIGINT NOT NULL REFERENCES imports (id))
            """,
            """
            CREATE TABLE benefit_payments (
                department TEXT NOT NULL, payment_id TEXT NOT NULL, program_code TEXT NOT NULL, program_name TEXT NOT NULL,
                recipient_id_number TEXT NOT NULL, recipient_name TEXT NOT NULL, area_code TEXT NOT NULL REFERENCES areas (code),
                period TEXT NOT NULL, amount_fen BIGINT NOT NULL, quantity_hundredths BIGINT, unit TEXT, payee_account TEXT,
                payee_account_name TEXT, paid_on TEXT, id_problem TEXT, import_id BIGINT NOT NULL REFERENCES imports (id),
                PRIMARY KEY (department, payment_id))
            """,
            "CREATE INDEX benefit_payments_recipient ON benefit_payments (recipient_id_number, program_code, period)",
            "CREATE INDEX benefit_payments_area ON benefit_payments (area_code, period)",
            """
            CREATE TABLE relative_filings (
                id_number TEXT NOT NULL, program_code TEXT NOT NULL, filed_on TEXT NOT NULL, approved_by TEXT, id_problem TEXT,
                area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id), PRIMARY KEY (id_number, program_code))
            """,
            """
            CREATE TABLE registry_deaths (
                id_number TEXT PRIMARY KEY, name TEXT NOT NULL, death_date TEXT NOT NULL, id_problem TEXT,
                area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id))
            """,
            """
            CREATE TABLE registry_public_employees (
                id_number TEXT NOT NULL, employer TEXT NOT NULL, start_date TEXT NOT NULL, name TEXT NOT NULL, end_date TEXT,
                id_problem TEXT, area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id),
                PRIMARY KEY (id_number, employer, start_date))
            """,
            """
            CREATE TABLE registry_vehicles (
                plate TEXT NOT NULL, owner_id_number TEXT NOT NULL, registered_on TEXT NOT NULL, vehicle_type TEXT, id_problem TEXT,
                area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id), PRIMARY KEY (plate, owner_id_number))
            """,
            "CREATE INDEX registry_vehicles_owner ON registry_vehicles (owner_id_number)",
            """
            CREATE TABLE registry_businesses (
                owner_id_number TEXT NOT NULL, business_name TEXT NOT NULL, registered_on TEXT NOT NULL, registered_capital_fen BIGINT,
                id_problem TEXT, area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id),
                PRIMARY KEY (owner_id_number, business_name))
            """,
            """
            CREATE TABLE registry_land (
                household_id TEXT PRIMARY KEY, contracted_area_hundredths BIGINT NOT NULL,
                area_code TEXT NOT NULL, import_id BIGINT NOT NULL REFERENCES imports (id))
            """,
            """
            CREATE TABLE leases (
                contract_id TEXT PRIMARY KEY, village_code TEXT NOT NULL REFERENCES areas (code), asset_type TEXT NOT NULL,
                asset_name TEXT NOT NULL, lessee_name TEXT NOT NULL, lessee_id_number TEXT, area_hundredths BIGINT,
                start_date TEXT NOT NULL, end_date TEXT NOT NULL, annual_rent_fen BIGINT NOT NULL, award_method TEXT, signed_on TEXT,
                payment_schedule TEXT, id_problem TEXT, import_id BIGINT NOT NULL REFERENCES imports (id))
            """,
            "CREATE INDEX leases_village ON leases (village_code)",
        ]),
        Migration(version: 2, name: "findings of the comparison engine", statements: [
            """
            CREATE TABLE findings (
                id {id}, code TEXT NOT NULL, village_code TEXT NOT NULL, finding_key TEXT NOT NULL, evidence_hash TEXT NOT NULL,
                amount_fen BIGINT NOT NULL, json TEXT NOT NULL, first_seen_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, resolved_at TEXT,
                UNIQUE (finding_key, evidence_hash))
            """,
            "CREATE INDEX findings_village ON findings (village_code, code)",
        ]),
        Migration(version: 3, name: "leads and their verification notes", statements: [
            """
            CREATE TABLE leads (
                id {id}, finding_id BIGINT NOT NULL UNIQUE REFERENCES findings (id), code TEXT NOT NULL, village_code TEXT NOT NULL,
                assignee TEXT, committee BOOLEAN NOT NULL, status TEXT NOT NULL, due_on TEXT NOT NULL, created_by TEXT NOT NULL,
                created_at TEXT NOT NULL, closed_at TEXT, recovered_fen BIGINT NOT NULL, benefit_stopped BOOLEAN NOT NULL,
                filing_added BOOLEAN NOT NULL, referred BOOLEAN NOT NULL, outcome TEXT)
            """,
            "CREATE INDEX leads_village ON leads (village_code, status)",
            """
            CREATE TABLE lead_notes (
                id {id}, lead_id BIGINT NOT NULL REFERENCES leads (id), author TEXT NOT NULL, note TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
        ]),
        Migration(version: 4, name: "attachments of verification notes", statements: [
            """
            CREATE TABLE lead_attachments (
                id {id}, lead_id BIGINT NOT NULL REFERENCES leads (id), note_id BIGINT NOT NULL REFERENCES lead_notes (id),
                file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, content {blob} NOT NULL)
            """,
            "CREATE INDEX lead_attachments_lead ON lead_attachments (lead_id)",
        ]),
    ])
}
