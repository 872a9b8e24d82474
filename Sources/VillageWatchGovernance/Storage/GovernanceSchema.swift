import VillageWatchCore

/// Tables of the governance module: cadres' terms and their declared relatives.
public enum GovernanceSchema {
    public static let schema = ModuleSchema(module: "governance", migrations: [
        Migration(version: 1, name: "cadres and declared relatives", statements: [
            """
            CREATE TABLE cadres (
                id_number TEXT NOT NULL, village_code TEXT NOT NULL REFERENCES areas (code), position TEXT NOT NULL,
                term_start TEXT NOT NULL, name TEXT NOT NULL, term_end TEXT, id_problem TEXT,
                import_id BIGINT NOT NULL REFERENCES imports (id),
                PRIMARY KEY (id_number, village_code, position, term_start))
            """,
            "CREATE INDEX cadres_village ON cadres (village_code)",
            """
            CREATE TABLE relatives (
                cadre_id_number TEXT NOT NULL, relative_id_number TEXT NOT NULL, relative_name TEXT NOT NULL,
                relationship TEXT NOT NULL, relative_id_problem TEXT, village_code TEXT NOT NULL REFERENCES areas (code),
                import_id BIGINT NOT NULL REFERENCES imports (id),
                PRIMARY KEY (cadre_id_number, relative_id_number))
            """,
            "CREATE INDEX relatives_relative ON relatives (relative_id_number)",
            "CREATE INDEX relatives_village ON relatives (village_code)",
        ]),
    ])
}
