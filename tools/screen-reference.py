#!/usr/bin/env python3
"""Reference implementation of the VillageWatch comparison engine in DuckDB SQL.

Reads the canonical CSVs of IMPORT-FORMATS.md from one directory and computes every
BEN-*, BANK-* and CON-* finding exactly as the Swift rules do (BenefitRules, BankRules,
LeaseRules and the helpers in Domain/Screening), screening the whole county:

    python3 tools/screen-reference.py --csv DIR [--today YYYY-MM-DD] [--published FILE] [--out FILE]

DIR holds areas.csv, persons.csv, cadres.csv, relatives.csv, programs.csv, benefits.csv,
filings.csv, bank-accounts.csv, bank-transactions.csv, contracts.csv and registries/{deaths,
public-employees,vehicles,businesses,land}.csv; a missing file is an empty dataset. areas.csv
is not read: no rule needs it once the whole county is screened.

--published names a CSV `village_code,period,spending_fen` of published finance statements
(none when absent, so every due village-month with money out is BANK-UNPUBLISHED). --today
sets the last month already due for publication as ScreeningWorldLoader does (finance due on
day 10 of the following month as in ComplianceRules.defaults, or the finance dueDay of the JSON
file named by $VILLAGEWATCH_COMPLIANCE_RULES). Thresholds are the Swift defaults, or the JSON
file named by $VILLAGEWATCH_SCREENING_THRESHOLDS, as ScreeningThresholds.load.

PUB-OVERDUE is out of scope: it comes from the publications module's compliance calendar over
stored publications, which are not CSV data.

Each CSV is read once into an all-VARCHAR table and cast the way the importers do (trimmed
fields, ID numbers upper-cased with 15-digit numbers upgraded, yuan parsed as DECIMAL into
integer fen, bank booking date = the first 10 characters of booked_at, a group code's village =
its first 12 digits). `villagewatch import` refuses a whole file for one unreadable value or
repeated key; here such rows are left out (the first row of a key kept) with a warning on
stderr. Checks against other datasets (known area codes) are not repeated, except that bank
lines need a known account and declared relatives a known cadre.

Everything is SQL. Two rules are sequential in Swift and are done without Python loops:
BANK-SPLIT (a run starts at the next payment that qualifies after the previous run) by window
functions, an ASOF join and a recursive CTE over the qualifying starts only; CON-RENT-ARREARS
(each payment settles the earliest due date it can) by a recursive CTE over each lease's due
dates carrying how many of the lessee's payments are used up.

Prints per code the number of findings and seconds, then the total wall time (CSV reading
included) and peak RSS. --out writes `CODE<TAB>village_code<TAB>subject` per finding, sorted,
where subject is the Finding subject's values joined by `|` (a transaction_ids list sorted and
joined by `,`); tools/screen-reference-compare.py diffs it against `villagewatch screen` output.
"""
import argparse
import collections
import datetime
import json
import os
import resource
import sys
import time

import duckdb

DEFAULT_THRESHOLDS = {
    "areaTolerancePercent": 5, "approvalThresholdFen": 500_000, "splitWindowDays": 7, "cashLimitFen": 200_000,
    "benfordMinimumCount": 200, "benfordMADLimit": 0.015, "sharedAccountRecipients": 3, "biddingArableOrPondMu": 10,
    "biddingHillOrForestMu": 30, "biddingAnnualRentFen": 5_000_000, "maximumLeaseYears": 30, "rentGraceDays": 60,
}
FINANCE_DUE_DAY = 10
DEFAULT_TODAY = "2026-11-29"

# What String.trimmingSpaces removes, and what Character.isWhitespace matches (as an RE2 class).
SPACES = " \t\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200C)) + "\u202f\u205f\u3000"
WHITESPACE_CLASS = r"[\s\x{0B}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]"
GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def macros():
    """The value parsers of the importers and a few predicates the rules share, as SQL macros."""
    weighted = " + ".join(f"(ascii(substr(x, {i + 1}, 1)) - 48) * {w}" for i, w in enumerate(GB11643_WEIGHTS))
    return [
        # trim(s, characters) is slow, so only values that start or end with a space go through it.
        f"CREATE MACRO nz(s) AS nullif(CASE WHEN regexp_matches(s, '^[{SPACES}]|[{SPACES}]$') THEN trim(s, '{SPACES}') ELSE s END, '')",
        f"CREATE MACRO no_ws(s) AS nullif(regexp_replace(s, '{WHITESPACE_CLASS}', '', 'g'), '')",
        f"CREATE MACRO gb_check(x) AS substr('10X98765432', ({weighted}) % 11 + 1, 1)",
        """CREATE MACRO upgrade_id(t) AS CASE WHEN strlen(t) <> 15 THEN t WHEN regexp_full_match(t, '[0-9]{15}')
               THEN left(t, 6) || '19' || right(t, 9) || gb_check(left(t, 6) || '19' || right(t, 9)) ELSE t END""",
        "CREATE MACRO vw_id(t) AS upgrade_id(upper(t))",
        """CREATE MACRO id_birth(x) AS CASE WHEN regexp_full_match(x, '[0-9]{17}[0-9X]')
               AND TRY_CAST(substr(x, 7, 4) AS INTEGER) BETWEEN 1800 AND 2100 AND try_strptime(substr(x, 7, 8), '%Y%m%d') IS NOT NULL
               THEN substr(x, 7, 4) || '-' || substr(x, 11, 2) || '-' || substr(x, 13, 2) END""",
        "CREATE MACRO id_checksum_fails(x) AS id_birth(x) IS NOT NULL AND gb_check(x) <> substr(x, 18, 1)",
        """CREATE MACRO yuan_fen(c) AS CASE WHEN regexp_full_match(c, '-?[0-9]{1,15}([.][0-9]{1,2})?')
               THEN CAST(CAST(c AS DECIMAL(38, 2)) * 100 AS BIGINT) END""",
        # The parsers below take a value already trimmed by nz.
        """CREATE MACRO vw_fen(t) AS yuan_fen(CASE WHEN contains(t, ',') OR contains(t, '¥') OR contains(t, '￥') OR contains(t, '+')
               THEN regexp_replace(t, '[,¥￥+]', '', 'g') ELSE t END)""",
        "CREATE MACRO vw_hundredths(t) AS CASE WHEN NOT contains(t, '¥') AND NOT contains(t, '￥') THEN nullif(greatest(vw_fen(t), -1), -1) END",
        """CREATE MACRO vw_date(t) AS CASE WHEN regexp_full_match(t, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN try_cast(t AS DATE)
               WHEN regexp_full_match(t, '[0-9]{8}') THEN CAST(try_strptime(t, '%Y%m%d') AS DATE)
               WHEN regexp_full_match(t, '[0-9]{4}[-/][0-9]{1,4}[-/][0-9]{1,4}') THEN try_cast(replace(t, '/', '-') AS DATE) END""",
        """CREATE MACRO vw_period(t) AS CASE WHEN regexp_full_match(t, '[0-9]{4}-(0[1-9]|1[0-2])') THEN t
               WHEN regexp_full_match(t, '[0-9]{4}-[0-9]{1,2}')
               AND TRY_CAST(split_part(t, '-', 2) AS INTEGER) BETWEEN 1 AND 12
               THEN left(t, 4) || '-' || lpad(split_part(t, '-', 2), 2, '0') END""",
        """CREATE MACRO vw_flag(t) AS CASE WHEN lower(t) IN ('true', '1', '是', 'yes') THEN true
               WHEN lower(t) IN ('false', '0', '否', 'no') THEN false END""",
        # A term or span from `a` to `b` (open when NULL) that overlaps the days `x` to `y`.
        "CREATE MACRO serving(a, b, x, y) AS a <= y AND (b IS NULL OR b >= x)",
        # BankFlow.mentions: the clerk's summary or purpose contains one of the `|`-separated words.
        "CREATE MACRO mentions(a, b, words) AS regexp_matches(coalesce(a, ''), words) OR regexp_matches(coalesce(b, ''), words)",
    ]


# How each kind of column is parsed from its trimmed text {t} (the account kind from the raw {c}).
KINDS = {
    "text": "{t}", "id": "vw_id({t})", "code": "upper({t})", "date": "vw_date({t})", "datetime": "vw_date(left({t}, 10))",
    "period": "vw_period({t})", "fen": "vw_fen({t})", "quantity": "vw_hundredths({t})", "flag": "vw_flag({t})",
    "account": "no_ws({c})", "plate": "upper(no_ws({c}))", "integer": "TRY_CAST({t} AS BIGINT)",
}

Dataset = collections.namedtuple("Dataset", "file columns key condition")

# Per table: the CSV, its columns as (CSV column, name, kind, required), the import key (the
# first `keyCount` columns of the Swift ImportTable) and a row condition the importer also checks.
DATASETS = {
    "persons": Dataset("persons.csv", [
        ("id_number", "id", "id", True), ("name", "name", "text", True), ("household_id", "household_id", "text", True),
        ("group_code", "group_code", "text", True)], ["id"], None),
    "cadres": Dataset("cadres.csv", [
        ("id_number", "id", "id", True), ("name", "name", "text", True), ("village_code", "village", "text", True),
        ("position", "position", "text", True), ("term_start", "term_start", "date", True), ("term_end", "term_end", "date", False)],
        ["id", "village", "position", "term_start"], "term_end IS NULL OR term_end >= term_start"),
    "relatives": Dataset("relatives.csv", [
        ("cadre_id_number", "cadre_id", "id", True), ("relative_id_number", "relative_id", "id", True),
        ("relative_name", "name", "text", True), ("relationship", "relationship", "text", True)], ["cadre_id", "relative_id"], None),
    "programs": Dataset("programs.csv", [
        ("program_code", "code", "code", True), ("program_name", "name", "text", True), ("department", "department", "text", True),
        ("means_tested", "means_tested", "flag", True), ("area_based", "area_based", "flag", True)], ["code"], None),
    "benefits": Dataset("benefits.csv", [
        ("payment_id", "payment_id", "text", True), ("program_code", "program_code", "code", True),
        ("program_name", "program_name", "text", True), ("department", "department", "text", True),
        ("recipient_id_number", "recipient_id", "id", True), ("recipient_name", "recipient_name", "text", True),
        ("village_code", "area_code", "text", True), ("period", "period", "period", True), ("amount", "amount_fen", "fen", True),
        ("quantity", "quantity", "quantity", False), ("payee_account", "payee_account", "account", False),
        ("payee_account_name", "payee_name", "text", False), ("paid_on", "paid_on", "date", False)],
        ["department", "payment_id"], "amount_fen > 0"),
    "filings": Dataset("filings.csv", [
        ("id_number", "id", "id", True), ("program_code", "program_code", "code", True), ("filed_on", "filed_on", "date", True)],
        ["id", "program_code"], None),
    "deaths": Dataset("registries/deaths.csv", [
        ("id_number", "id", "id", True), ("name", "name", "text", True), ("death_date", "death_date", "date", True)], ["id"], None),
    "public_employees": Dataset("registries/public-employees.csv", [
        ("id_number", "id", "id", True), ("name", "name", "text", True), ("employer", "employer", "text", True),
        ("start_date", "start_date", "date", True), ("end_date", "end_date", "date", False)],
        ["id", "employer", "start_date"], "end_date IS NULL OR end_date >= start_date"),
    "vehicles": Dataset("registries/vehicles.csv", [
        ("owner_id_number", "id", "id", True), ("plate", "plate", "plate", True), ("registered_on", "registered_on", "date", True),
        ("vehicle_type", "vehicle_type", "text", False)], ["plate", "id"], None),
    "businesses": Dataset("registries/businesses.csv", [
        ("owner_id_number", "id", "id", True), ("business_name", "business_name", "text", True),
        ("registered_on", "registered_on", "date", True)], ["id", "business_name"], None),
    "land": Dataset("registries/land.csv", [
        ("household_id", "household_id", "text", True), ("contracted_area_mu", "contracted", "quantity", True)], ["household_id"], None),
    "bank_accounts": Dataset("bank-accounts.csv", [
        ("account_number", "account", "account", True), ("account_name", "account_name", "text", True), ("bank", "bank", "text", True),
        ("area_code", "area_code", "text", True)], ["account"], None),
    "bank_transactions": Dataset("bank-transactions.csv", [
        ("account_number", "account", "account", True), ("transaction_id", "txid", "text", True),
        ("booked_at", "booked_on", "datetime", True), ("amount", "amount_fen", "fen", True),
        ("counterparty_name", "counterparty", "text", False), ("channel", "channel", "text", False),
        ("summary", "summary", "text", False), ("purpose", "purpose", "text", False)], ["account", "txid"], "amount_fen <> 0"),
    "contracts": Dataset("contracts.csv", [
        ("contract_id", "contract_id", "text", True), ("village_code", "village", "text", True), ("asset_type", "asset_type", "text", True),
        ("asset_name", "asset_name", "text", True), ("lessee_name", "lessee_name", "text", True),
        ("lessee_id_number", "lessee_id", "id", False), ("area_mu", "area", "quantity", False), ("start_date", "start_date", "date", True),
        ("end_date", "end_date", "date", True), ("annual_rent", "rent_fen", "fen", True), ("award_method", "award_method", "text", False),
        ("payment_schedule", "payment_schedule", "text", False)], ["contract_id"],
        "end_date >= start_date AND rent_fen >= 0 AND asset_type IN ('耕地', '林地', '山地', '鱼塘', '厂房', '铺面', '其他')"
        " AND coalesce(award_method, '协商') IN ('公开招标', '公开竞价', '协商', '其他')"
        " AND coalesce(payment_schedule, '年付') IN ('年付', '半年付', '季付', '月付')"),
    "published": Dataset(None, [
        ("village_code", "village", "text", True), ("period", "period", "period", True), ("spending_fen", "spending_fen", "integer", True)],
        ["village", "period"], None),
}


def load_dataset(con, table, path):
    """One CSV into an all-VARCHAR table, then cast as the importer would into `table`.

    The importer refuses a whole file for one bad row or repeated key; here the bad rows are left
    out, the first row of a key kept, and the difference reported on stderr."""
    spec = DATASETS[table]
    if path and os.path.exists(path):
        con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')",
                    [path])
    else:
        con.execute("CREATE TABLE raw (" + ", ".join(f'"{c}" VARCHAR' for c, *_ in spec.columns) + ")")
    present = {row[0] for row in con.execute("DESCRIBE raw").fetchall()}
    missing = [c for c, _, _, required in spec.columns if required and c not in present]
    if missing:
        sys.exit(f"{path}: missing required column(s) {', '.join(missing)}")
    con.execute(cast_sql(table, spec, present))
    refused = con.execute(f"SELECT (SELECT count(*) FROM raw) - (SELECT count(*) FROM {table})").fetchone()[0]
    repeated = drop_repeated_keys(con, table, spec.key)
    con.execute("DROP TABLE raw")
    con.execute(f"ALTER TABLE {table} DROP COLUMN line")
    if refused or repeated:
        print(f"warning: {path}: {refused} row(s) with a missing or unreadable value, {repeated} repeating a key, left out"
              " (villagewatch import would refuse the whole file)", file=sys.stderr)


def drop_repeated_keys(con, table, key):
    """Keeps the first row (in file order) of each key; returns how many rows were dropped."""
    columns = ", ".join(key)
    repeated = con.execute(f"SELECT count(*) - count(DISTINCT ({columns})) FROM {table}").fetchone()[0]
    if repeated:
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {table} QUALIFY row_number() OVER (PARTITION BY {columns} ORDER BY line) = 1")
    return repeated


def cast_sql(table, spec, present):
    """The typed table: a required value must parse, an optional one must parse when given."""
    trimmed, values, checks, names = ["rowid AS line"], ["line"], [], ["line"]
    for column, name, kind, required in spec.columns:
        raw = f'"{column}"' if column in present else "CAST(NULL AS VARCHAR)"
        trimmed += [f"nz({raw}) AS t_{name}", f"{raw} AS c_{name}"]
        values.append(f"{KINDS[kind].format(t=f't_{name}', c=f'c_{name}')} AS v_{name}, t_{name}")
        checks.append(f"v_{name} IS NOT NULL" if required else f"(v_{name} IS NOT NULL OR t_{name} IS NULL)")
        names.append(f"v_{name} AS {name}")
    typed = (f"SELECT {', '.join(names)} FROM (SELECT {', '.join(values)} FROM (SELECT {', '.join(trimmed)} FROM raw))"
             f" WHERE {' AND '.join(checks)}")
    return f"CREATE TABLE {table} AS SELECT * FROM ({typed}) WHERE {spec.condition or 'true'}"


# Shared tables: who is linked to whom, who is close to which cadre, the bank flows.
PREPARE = {
    "link": [
        "CREATE TABLE people AS SELECT id, name, household_id, left(group_code, 12) AS village FROM persons",
        """CREATE TABLE program_flags AS
           SELECT code, means_tested, area_based FROM programs
           UNION ALL SELECT * FROM (VALUES ('DIBAO', true, false), ('TEKUN', true, false), ('LINSHI', true, false), ('GENGDI', false, true))
               AS builtin(code, means_tested, area_based) WHERE code NOT IN (SELECT code FROM programs)""",
        # PersonLinker: exact ID; else the one person of that name, birth date and village; else,
        # when the check digit fails, the one person of that name and village one digit away.
        """CREATE TABLE fuzzy_links AS
           WITH unlinked AS (
               SELECT department, payment_id, recipient_id, recipient_name AS name, left(area_code, 12) AS village, id_birth(recipient_id) AS birth
               FROM benefits ANTI JOIN people ON people.id = benefits.recipient_id),
           alike AS (SELECT p.*, id_birth(p.id) AS birth FROM people p SEMI JOIN unlinked u ON u.name = p.name AND u.village = p.village),
           by_birth AS (
               SELECT u.department, u.payment_id, b.id
               FROM unlinked u JOIN (SELECT name, birth, village, min(id) AS id FROM alike WHERE birth IS NOT NULL
                                     GROUP BY ALL HAVING count(*) = 1) b
                 ON b.name = u.name AND b.birth = u.birth AND b.village = u.village),
           by_digit AS (
               SELECT u.department, u.payment_id, min(a.id) AS id
               FROM unlinked u JOIN alike a ON a.name = u.name AND a.village = u.village
               WHERE id_checksum_fails(u.recipient_id) AND strlen(a.id) = 18
                 AND CASE WHEN length(a.id) = 18 THEN hamming(a.id, u.recipient_id) END = 1
                 AND NOT EXISTS (SELECT 1 FROM by_birth b WHERE b.department = u.department AND b.payment_id = u.payment_id)
               GROUP BY ALL HAVING count(*) = 1)
           SELECT * FROM by_birth UNION ALL SELECT * FROM by_digit""",
        """CREATE TABLE linked AS
           SELECT b.department, b.payment_id, b.program_code, b.recipient_id, b.recipient_name, left(b.area_code, 12) AS village, b.period,
                  CAST(b.period || '-01' AS DATE) AS first, last_day(CAST(b.period || '-01' AS DATE)) AS last, b.quantity,
                  b.payee_account, b.payee_name, coalesce(f.id, b.recipient_id) AS pid, p.household_id,
                  coalesce('h:' || p.household_id, 'i:' || coalesce(f.id, b.recipient_id)) AS home,
                  coalesce(g.means_tested, false) AS means_tested, coalesce(g.area_based, false) AS area_based
           FROM benefits b LEFT JOIN fuzzy_links f USING (department, payment_id)
           LEFT JOIN people p ON p.id = coalesce(f.id, b.recipient_id) LEFT JOIN program_flags g ON g.code = b.program_code""",
    ],
    "kinship": [
        # A person's `home` key is their household when registered, else their ID: two keys are
        # equal exactly when one ID is in the other's Kinship.householdIDs.
        """CREATE TABLE owner_homes AS
           SELECT id, coalesce('h:' || household_id, 'i:' || id) AS home FROM (
               SELECT id FROM public_employees UNION SELECT id FROM vehicles UNION SELECT id FROM businesses
               UNION SELECT id FROM cadres UNION SELECT lessee_id FROM contracts WHERE lessee_id IS NOT NULL)
           LEFT JOIN people USING (id)""",
        "CREATE TABLE known_relatives AS SELECT * FROM relatives WHERE cadre_id IN (SELECT id FROM cadres)",
        # Kinship.cadreTie(of:): the cadre's home, or 'd:' + an ID the cadre declared or was declared by.
        """CREATE TABLE cadre_ties AS
           SELECT c.village, c.term_start, c.term_end, o.home AS tie FROM cadres c JOIN owner_homes o USING (id)
           UNION ALL SELECT c.village, c.term_start, c.term_end, 'd:' || r.relative_id FROM cadres c JOIN known_relatives r ON r.cadre_id = c.id
           UNION ALL SELECT c.village, c.term_start, c.term_end, 'd:' || r.cadre_id FROM cadres c JOIN known_relatives r ON r.relative_id = c.id""",
        # Kinship.cadreTie(named:): the cadre's name, a declared relative's, or (leases only) a household member's.
        """CREATE TABLE cadre_names AS
           SELECT village, term_start, term_end, name, false AS household FROM cadres
           UNION ALL SELECT c.village, c.term_start, c.term_end, r.name, false FROM cadres c JOIN known_relatives r ON r.cadre_id = c.id
           UNION ALL SELECT c.village, c.term_start, c.term_end, m.name, true
               FROM cadres c JOIN people pc ON pc.id = c.id JOIN people m ON m.household_id = pc.household_id AND m.id <> c.id""",
    ],
    "flows": [
        """CREATE TABLE flows AS
           SELECT t.account, t.txid, left(a.area_code, 12) AS village, t.booked_on, t.amount_fen, greatest(-t.amount_fen, 0) AS out_fen,
                  t.counterparty, t.channel, t.summary, t.purpose
           FROM bank_transactions t JOIN bank_accounts a USING (account)""",
    ],
}

BEN_SUBJECT = "l.village, l.recipient_id || '|' || l.payment_id"
MEANS_TESTED_HOME_FACT = f"""
    SELECT {BEN_SUBJECT} FROM linked l
    WHERE l.means_tested AND EXISTS (SELECT 1 FROM {{facts}} x JOIN owner_homes o USING (id) WHERE o.home = l.home AND {{when}})"""

# Each rule: one SELECT of (village_code, subject).
RULES = {
    "BEN-DECEASED": f"""
        SELECT {BEN_SUBJECT} FROM linked l SEMI JOIN deaths d ON d.id = l.pid AND strftime(d.death_date, '%Y-%m') < l.period""",
    "BEN-PUBLIC-EMPLOYEE": MEANS_TESTED_HOME_FACT.format(facts="public_employees", when="serving(x.start_date, x.end_date, l.first, l.last)"),
    "BEN-VEHICLE": MEANS_TESTED_HOME_FACT.format(
        facts="vehicles", when="x.registered_on < l.first AND NOT regexp_matches(coalesce(x.vehicle_type, ''), '农用|拖拉机|农机|收割机')"),
    "BEN-BUSINESS": MEANS_TESTED_HOME_FACT.format(facts="businesses", when="x.registered_on < l.first"),
    "BEN-CADRE-RELATIVE-UNFILED": f"""
        SELECT {BEN_SUBJECT} FROM linked l
        WHERE l.means_tested
          AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.program_code = l.program_code AND f.id = l.pid)
          AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.program_code = l.program_code AND f.id = l.recipient_id)
          AND (EXISTS (SELECT 1 FROM cadre_ties t WHERE t.village = l.village AND t.tie = l.home AND serving(t.term_start, t.term_end, l.first, l.last))
               OR EXISTS (SELECT 1 FROM cadre_ties t WHERE t.village = l.village AND t.tie = 'd:' || l.pid
                          AND serving(t.term_start, t.term_end, l.first, l.last)))""",
    # Ordered only within the repeated groups: a window over every payment costs more than finding them.
    "BEN-DUPLICATE": f"""
        SELECT {BEN_SUBJECT} FROM (
            SELECT *, row_number() OVER (PARTITION BY pid, program_code, period ORDER BY department, payment_id) AS n
            FROM linked JOIN (SELECT pid, program_code, period FROM linked GROUP BY ALL HAVING count(*) > 1) USING (pid, program_code, period)) l
        WHERE l.n > 1""",
    "BEN-AREA-OVERSTATED": f"""
        SELECT {BEN_SUBJECT} FROM linked l JOIN land g ON g.household_id = l.household_id
        WHERE l.area_based AND l.quantity * 100 > g.contracted * (100 + {{areaTolerancePercent}})""",
    "BEN-PAYEE-MISMATCH": f"""
        SELECT {BEN_SUBJECT} FROM linked l
        WHERE l.payee_name IS NOT NULL AND l.payee_name <> l.recipient_name
          AND NOT EXISTS (SELECT 1 FROM people m WHERE m.household_id = l.household_id AND m.name = l.payee_name)""",
    "BEN-SHARED-ACCOUNT": """
        SELECT min(village), payee_account FROM linked WHERE payee_account IS NOT NULL GROUP BY payee_account
        HAVING count(DISTINCT coalesce(household_id, 'id:' || pid)) >= {sharedAccountRecipients}""",
    "BANK-SPLIT": """
        WITH RECURSIVE small AS (
            SELECT account, counterparty, txid, village, out_fen,
                   row_number() OVER byTime AS rn,
                   count(*) OVER inWindow AS through_count, sum(out_fen) OVER inWindow AS through_sum,
                   sum(out_fen) OVER (byTime ROWS UNBOUNDED PRECEDING) - out_fen AS before_sum
            FROM (SELECT *, datediff('day', DATE '1970-01-01', booked_on) AS day FROM flows
                  WHERE out_fen > 0 AND out_fen < {approvalThresholdFen} AND counterparty IS NOT NULL)
            WINDOW byTime AS (PARTITION BY account, counterparty ORDER BY booked_on, txid),
                   inWindow AS (PARTITION BY account, counterparty ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND {splitWindowDays} - 1 FOLLOWING)),
        starts AS (
            SELECT account, counterparty, rn, through_count - rn + 1 AS run_length FROM small
            WHERE through_count - rn + 1 >= 2 AND through_sum - before_sum >= {approvalThresholdFen}),
        jumps AS (
            SELECT s.account, s.counterparty, s.rn, s.run_length, n.rn AS next_rn
            FROM starts s ASOF LEFT JOIN starts n ON n.account = s.account AND n.counterparty = s.counterparty AND n.rn >= s.rn + s.run_length),
        runs AS (
            SELECT account, counterparty, min(rn) AS rn FROM starts GROUP BY ALL
            UNION ALL
            SELECT j.account, j.counterparty, j.next_rn FROM runs r JOIN jumps j USING (account, counterparty, rn) WHERE j.next_rn IS NOT NULL)
        SELECT any_value(m.village), m.account || '|' || string_agg(m.txid, ',' ORDER BY m.txid)
        FROM small m ASOF JOIN (SELECT * FROM runs JOIN jumps USING (account, counterparty, rn)) r
          ON r.account = m.account AND r.counterparty = m.counterparty AND r.rn <= m.rn
        WHERE m.rn < r.rn + r.run_length
        GROUP BY m.account, m.counterparty, r.rn""",
    "BANK-CASH": """
        SELECT village, account || '|' || txid FROM flows
        WHERE out_fen > {cashLimitFen}
          AND (regexp_matches(upper(coalesce(channel, '')), '现金|取现|ATM') OR mentions(summary, purpose, '取现|现金支取|提现'))""",
    "BANK-TO-CADRE": """
        SELECT f.village, f.account || '|' || f.txid FROM flows f
        WHERE f.out_fen > 0 AND f.counterparty IS NOT NULL AND NOT mentions(f.summary, f.purpose, '工资|误工补贴')
          AND EXISTS (SELECT 1 FROM cadre_names c WHERE NOT c.household AND c.village = f.village AND c.name = f.counterparty
                      AND serving(c.term_start, c.term_end, f.booked_on, f.booked_on))""",
    "BANK-UNPUBLISHED": """
        SELECT s.village, s.month FROM (
            SELECT village, strftime(booked_on, '%Y-%m') AS month, sum(out_fen) AS spent FROM flows
            WHERE out_fen > 0 AND strftime(booked_on, '%Y-%m') <= '{financeDueThrough}' GROUP BY ALL) s
        LEFT JOIN published p ON p.village = s.village AND p.period = s.month
        WHERE p.spending_fen IS DISTINCT FROM s.spent""",
    "BANK-BENFORD": """
        WITH years AS (
            SELECT village, year(booked_on) AS year, count(*) AS total FROM flows WHERE out_fen > 0
            GROUP BY ALL HAVING count(*) >= {benfordMinimumCount}),
        digits AS (
            SELECT village, year(booked_on) AS year, CAST(left(CAST(out_fen AS VARCHAR), 1) AS INTEGER) AS digit, count(*) AS n
            FROM flows WHERE out_fen > 0 GROUP BY ALL),
        deviations AS (
            SELECT y.village, y.year, d.digit, abs(coalesce(c.n, 0) / y.total - log10(1 + 1 / d.digit)) AS deviation
            FROM years y CROSS JOIN range(1, 10) d(digit) LEFT JOIN digits c ON c.village = y.village AND c.year = y.year AND c.digit = d.digit)
        SELECT village, CAST(year AS VARCHAR) FROM deviations GROUP BY ALL
        HAVING list_reduce(list(deviation ORDER BY digit), lambda a, b: a + b) / 9 > {benfordMADLimit}""",
    "CON-RELATIVE-LESSEE": """
        SELECT l.village, l.contract_id FROM contracts l LEFT JOIN owner_homes o ON o.id = l.lessee_id
        WHERE CASE WHEN l.lessee_id IS NULL THEN
                  EXISTS (SELECT 1 FROM cadre_names c WHERE c.village = l.village AND c.name = l.lessee_name
                          AND serving(c.term_start, c.term_end, l.start_date, l.end_date))
              ELSE EXISTS (SELECT 1 FROM cadre_ties t WHERE t.village = l.village AND t.tie IN (o.home, 'd:' || l.lessee_id)
                           AND serving(t.term_start, t.term_end, l.start_date, l.end_date)) END""",
    "CON-NO-BIDDING": """
        SELECT village, contract_id FROM contracts
        WHERE coalesce(award_method, '') NOT IN ('公开招标', '公开竞价')
          AND ((asset_type IN ('耕地', '鱼塘') AND area >= {biddingArableOrPondMu} * 100)
               OR (asset_type IN ('山地', '林地') AND area >= {biddingHillOrForestMu} * 100)
               OR rent_fen >= {biddingAnnualRentFen})""",
    "CON-TERM": """
        SELECT village, contract_id FROM contracts
        WHERE end_date > CAST(start_date + to_months(12 * {maximumLeaseYears}) AS DATE)""",
    "CON-RENT-ARREARS": """
        WITH RECURSIVE coverage AS (
            SELECT village, min(booked_on) AS first, max(booked_on) - {rentGraceDays} AS last FROM flows GROUP BY village
            HAVING min(booked_on) + {rentGraceDays} <= max(booked_on)),
        judged AS (
            SELECT l.contract_id, l.village, l.lessee_name, l.start_date, c.first, least(l.end_date, c.last) AS last,
                   CASE l.payment_schedule WHEN '半年付' THEN 6 WHEN '季付' THEN 3 WHEN '月付' THEN 1 ELSE 12 END AS months,
                   (year(c.first) - year(l.start_date)) * 12 + month(c.first) - month(l.start_date) AS months_before,
                   (year(least(l.end_date, c.last)) - year(l.start_date)) * 12 + month(least(l.end_date, c.last)) - month(l.start_date) AS months_through
            FROM contracts l JOIN coverage c USING (village)),
        dues AS (
            SELECT contract_id, village, lessee_name, due, row_number() OVER (PARTITION BY contract_id ORDER BY due) AS k FROM (
                SELECT *, CAST(start_date + to_months(step * months) AS DATE) AS due
                FROM judged, generate_series(greatest(1, months_before // months - 1), months_through // months) s(step))
            WHERE due BETWEEN first AND last),
        paid_days AS (
            SELECT contract_id, booked_on, sum(count(*)) OVER (PARTITION BY contract_id ORDER BY booked_on) AS through
            FROM (SELECT DISTINCT contract_id, village, no_ws(lessee_name) AS lessee FROM dues) l
            JOIN flows f ON f.village = l.village AND f.amount_fen > 0 AND f.counterparty IS NOT NULL
            WHERE contains(f.counterparty, l.lessee) OR contains(l.lessee, f.counterparty)
            GROUP BY contract_id, booked_on),
        counted AS (
            SELECT d.contract_id, d.village, d.due, d.k, coalesce(a.through, 0) AS before_due, coalesce(b.through, 0) AS through_grace
            FROM dues d
            ASOF LEFT JOIN paid_days a ON a.contract_id = d.contract_id AND a.booked_on < d.due
            ASOF LEFT JOIN paid_days b ON b.contract_id = d.contract_id AND b.booked_on <= d.due + {rentGraceDays}),
        walk AS (
            SELECT contract_id, CAST(0 AS BIGINT) AS k, CAST(0 AS BIGINT) AS used, true AS paid FROM counted GROUP BY contract_id
            UNION ALL
            SELECT c.contract_id, c.k, greatest(w.used, c.before_due) + CAST(greatest(w.used, c.before_due) < c.through_grace AS BIGINT),
                   greatest(w.used, c.before_due) < c.through_grace
            FROM walk w JOIN counted c ON c.contract_id = w.contract_id AND c.k = w.k + 1)
        SELECT c.village, c.contract_id || '|' || strftime(c.due, '%Y-%m') FROM walk w JOIN counted c USING (contract_id, k) WHERE NOT w.paid""",
    "CON-RENT-LOW": """
        WITH rated AS (
            SELECT *, left(village, 9) || '000' AS town, rent_fen * 100 // area AS rate FROM contracts WHERE area > 0),
        medians AS (
            SELECT town, asset_type, CASE WHEN len(rates) % 2 = 1 THEN rates[len(rates) // 2 + 1]
                                          ELSE (rates[len(rates) // 2] + rates[len(rates) // 2 + 1]) // 2 END AS median
            FROM (SELECT town, asset_type, list_sort(list(rate)) AS rates FROM rated GROUP BY ALL)
            WHERE len(rates) >= 3)
        SELECT r.village, r.contract_id FROM rated r JOIN medians m USING (town, asset_type) WHERE r.rate * 2 < m.median""",
}


def thresholds():
    """The Swift defaults, overridden by $VILLAGEWATCH_SCREENING_THRESHOLDS like ScreeningThresholds.load."""
    values = dict(DEFAULT_THRESHOLDS)
    path = os.environ.get("VILLAGEWATCH_SCREENING_THRESHOLDS")
    if path:
        with open(path, encoding="utf-8") as f:
            values.update({k: v for k, v in json.load(f).items() if k in values})
    return values


def finance_due_day():
    """ComplianceRules.defaults' finance due day, or the one of $VILLAGEWATCH_COMPLIANCE_RULES."""
    path = os.environ.get("VILLAGEWATCH_COMPLIANCE_RULES")
    if not path:
        return FINANCE_DUE_DAY
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("finance", {}).get("dueDay", FINANCE_DUE_DAY)


def finance_due_through(today):
    """The last month whose finance publication is due (ScreeningWorldLoader.loadPublications)."""
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    due = last_month if today.day > finance_due_day() else last_month.replace(day=1) - datetime.timedelta(days=1)
    return due.strftime("%Y-%m")


def peak_resident_mib():
    """VmHWM of this process. getrusage's ru_maxrss would do, but on Linux a child started by a
    large parent (ScreenBench) inherits the parent's figure."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Times each step and prints it as `name  count  seconds`."""

    def __init__(self):
        self.started = time.perf_counter()

    def run(self, name, step):
        began = time.perf_counter()
        count = step()
        seconds = time.perf_counter() - began
        print(f"{name:28} {'' if count is None else count:>9} {seconds:9.3f} s", flush=True)

    def finish(self):
        peak_mib = peak_resident_mib()
        print(f"{'total':28} {'':>9} {time.perf_counter() - self.started:9.3f} s   peak RSS {peak_mib:.1f} MiB")


def load_all(con, directory, published):
    for table, spec in DATASETS.items():
        load_dataset(con, table, published if table == "published" else os.path.join(directory, spec.file))


def run_statements(con, statements):
    for statement in statements:
        con.execute(statement)


def run_rule(con, code, params):
    con.execute(f"INSERT INTO findings SELECT '{code}', * FROM ({RULES[code].format(**params)})")
    return con.execute("SELECT count(*) FROM findings WHERE code = ?", [code]).fetchone()[0]


def write_findings(con, path):
    """One line per finding, sorted as whole lines; QUOTE '' writes every value as it is."""
    con.execute("COPY (SELECT code, village, subject FROM findings ORDER BY code || chr(9) || village || chr(9) || subject) TO ?"
                " (FORMAT csv, HEADER false, DELIMITER '\t', QUOTE '', ESCAPE '')", [path])


def parse_args(argv):
    parser = argparse.ArgumentParser(description="DuckDB reference of the VillageWatch comparison engine (BEN-*, BANK-*, CON-*).")
    parser.add_argument("--csv", required=True, help="directory of canonical CSVs")
    parser.add_argument("--today", default=DEFAULT_TODAY, type=datetime.date.fromisoformat, help="today, for BANK-UNPUBLISHED")
    parser.add_argument("--published", help="CSV village_code,period,spending_fen of published finance statements")
    parser.add_argument("--out", help="write CODE<TAB>village_code<TAB>subject per finding, sorted")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    clock = Clock()
    con = duckdb.connect()
    for macro in macros():
        con.execute(macro)
    clock.run("load", lambda: load_all(con, args.csv, args.published))
    for stage, statements in PREPARE.items():
        clock.run(stage, lambda: run_statements(con, statements))
    params = thresholds() | {"financeDueThrough": finance_due_through(args.today)}
    con.execute("CREATE TABLE findings (code VARCHAR, village VARCHAR, subject VARCHAR)")
    for code in RULES:
        clock.run(code, lambda: run_rule(con, code, params))
    if args.out:
        clock.run("write", lambda: write_findings(con, args.out))
    clock.finish()


if __name__ == "__main__":
    main()
