"""Tests of tools/screen-reference.py and tools/screen-reference-compare.py on hand-made CSVs:
each finding code on a planted case and on the near-miss next to it.

Run: python3 -m unittest tools/test_screen_reference.py (skipped when duckdb is not installed).
"""
import contextlib
import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

try:
    import duckdb  # noqa: F401
except ImportError:
    duckdb = None

TOOLS = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

V, V2, V3, V4 = "440882101201", "440882101202", "440882101203", "440882101204"
G, G2, G4 = V + "001", V2 + "001", V4 + "001"
V5 = "440882102201"  # another town, for the rent comparison


def check_char(first17):
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def make_id(birth, sequence):
    body = f"440882{birth}{sequence:03d}"
    return body + check_char(body)


def typo(id_number, position, digit):
    """The number with one digit replaced and the check character kept (so it fails)."""
    return id_number[:position] + digit + id_number[position + 1:]


class People:
    """The registry persons of the fixture, by a short tag."""

    def __init__(self):
        self.ids, self.rows, self.sequence = {}, [], 0

    def add(self, tag, name, household, group=G, birth="19600101"):
        self.sequence += 1
        self.ids[tag] = make_id(birth, self.sequence)
        self.rows.append({"id_number": self.ids[tag], "name": name, "household_id": household, "group_code": group})
        return self.ids[tag]


def write_csv(path, rows, header=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    header = header or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def payment(pid, program, person_id, name, period, village=G, department="民政", **extra):
    row = {"payment_id": pid, "program_code": program, "program_name": program, "department": department,
           "recipient_id_number": person_id, "recipient_name": name, "village_code": village, "period": period, "amount": "410.00",
           "quantity": "", "payee_account": "", "payee_account_name": ""}
    row.update(extra)
    return row


def flow(account, txid, day, amount, counterparty="", channel="转账", summary="", purpose=""):
    return {"account_number": account, "transaction_id": txid, "booked_at": day + " 10:00:00", "amount": amount,
            "counterparty_name": counterparty, "channel": channel, "summary": summary, "purpose": purpose}


def lease(cid, village, asset, lessee, start, end, rent, area="", award="协商", schedule="年付", lessee_id=""):
    return {"contract_id": cid, "village_code": village, "asset_type": asset, "asset_name": asset + cid, "lessee_name": lessee,
            "lessee_id_number": lessee_id, "area_mu": area, "start_date": start, "end_date": end, "annual_rent": rent,
            "award_method": award, "payment_schedule": schedule}


class Fixture:
    """Writes the CSVs and remembers the ID numbers the expectations need."""

    def __init__(self, directory):
        self.dir = directory
        self.p = People()
        self.ids = self.p.ids
        self.people()
        self.write_people()
        self.write_benefits()
        self.write_bank()
        self.write_contracts()

    def people(self):
        p = self.p
        p.add("A", "周一", "HA")
        p.add("A3", "郑三", "HA3", birth="19450505")
        for tag, name, household in [("B", "钱一", "HB"), ("B2", "钱二", "HB"), ("C1", "孔一", "HC1"), ("C1b", "孔二", "HC1"),
                                     ("C2", "曹一", "HC2"), ("C3", "严一", "HC3"), ("D1", "华一", "HD1"), ("D2", "金一", "HD2"),
                                     ("K1", "张建国", "HK1"), ("KM1", "张小明", "HK1"), ("KR1", "张建军", "HKR1"), ("KR2", "张建华", "HKR2"),
                                     ("K2", "李卫东", "HK2"), ("KM2", "李小红", "HK2"), ("F", "冯一", "HF"), ("GG", "褚一", "HG"),
                                     ("H", "卫一", "HH"), ("L", "蒋一", "HL"), ("M", "沈一", "HM"), ("M2", "韩梅", "HM"),
                                     ("N1", "杨一", "HN1"), ("N2", "杨二", "HN2"), ("N3", "杨三", "HN3"),
                                     ("O1", "秦一", "HO"), ("O2", "秦二", "HO"), ("O3", "秦三", "HO2")]:
            p.add(tag, name, household)
        p.add("Q1", "孙立", "HQ1", group=G2)
        # A 15-digit number of the 1989 standard in the registry, 18 digits everywhere else.
        self.ids["A2"] = make_id("19500303", 99)
        p.rows.append({"id_number": self.ids["A2"][:6] + self.ids["A2"][8:17], "name": "吴二", "household_id": "HA2", "group_code": G})

    def write_people(self):
        ids, d = self.ids, self.dir
        write_csv(f"{d}/persons.csv", self.p.rows)
        write_csv(f"{d}/cadres.csv", [
            {"id_number": ids["K1"], "name": "张建国", "village_code": V, "position": "党支部书记", "term_start": "2020-01-01", "term_end": ""},
            {"id_number": ids["K2"], "name": "李卫东", "village_code": V, "position": "村委委员", "term_start": "2018-01-01", "term_end": "2020-12-31"},
            {"id_number": ids["Q1"], "name": "孙立", "village_code": V2, "position": "村委会主任", "term_start": "2020-01-01", "term_end": ""}])
        write_csv(f"{d}/relatives.csv", [
            {"cadre_id_number": ids["K1"], "relative_id_number": ids["KR1"], "relative_name": "张建军", "relationship": "兄弟姐妹"},
            {"cadre_id_number": ids["K1"], "relative_id_number": ids["KR2"], "relative_name": "张建华", "relationship": "兄弟姐妹"},
            {"cadre_id_number": ids["Q1"], "relative_id_number": ids["K1"], "relative_name": "张建国", "relationship": "兄弟姐妹"}])
        write_csv(f"{d}/filings.csv", [{"id_number": ids["KR2"], "program_code": "DIBAO", "filed_on": "2025-01-01"}])
        write_csv(f"{d}/registries/deaths.csv", [
            {"id_number": ids["A"], "name": "周一", "death_date": "2025-03-15"},
            {"id_number": ids["A2"], "name": "吴二", "death_date": "2025-02-01"},
            {"id_number": ids["A3"], "name": "郑三", "death_date": "2025-01-10"}])
        write_csv(f"{d}/registries/public-employees.csv", [
            {"id_number": ids["B2"], "name": "钱二", "employer": "镇政府", "start_date": "2020-01-01", "end_date": ""}])
        write_csv(f"{d}/registries/vehicles.csv", [
            {"owner_id_number": ids["C1b"], "plate": "粤A12345", "registered_on": "2024-01-01", "vehicle_type": "小型轿车"},
            {"owner_id_number": ids["C2"], "plate": "粤A22222", "registered_on": "2025-02-01", "vehicle_type": "小型轿车"},
            {"owner_id_number": ids["C3"], "plate": "粤A33333", "registered_on": "2020-01-01", "vehicle_type": "拖拉机"}])
        write_csv(f"{d}/registries/businesses.csv", [
            {"owner_id_number": ids["D1"], "business_name": "华一商店", "registered_on": "2024-06-01", "registered_capital": ""},
            {"owner_id_number": ids["D2"], "business_name": "金一商店", "registered_on": "2025-05-01", "registered_capital": ""}])
        write_csv(f"{d}/registries/land.csv", [{"household_id": "HL", "contracted_area_mu": "10.00"}])

    def write_benefits(self):
        i = self.ids
        self.a3_typo = make_id("19450505", 77)  # a valid number, but not the registry's: linked by name, birth and village
        self.g_typo = typo(i["GG"], 8, "7")  # birth year changed, check digit now fails: linked one digit away
        self.h_typo = typo(typo(i["H"], 8, "7"), 15, "9")  # two digits off: not linked
        write_csv(f"{self.dir}/benefits.csv", [
            payment("a1", "DIBAO", i["A"], "周一", "2025-04"), payment("a0", "DIBAO", i["A"], "周一", "2025-02"),
            payment("a2", "DIBAO", i["A2"], "吴二", "2025-06"), payment("a3", "DIBAO", self.a3_typo, "郑三", "2025-02", village=V),
            payment("b1", "DIBAO", i["B"], "钱一", "2025-05"), payment("b2", "DIBAO", i["B"], "钱一", "2019-05"),
            payment("b3", "GENGDI", i["B"], "钱一", "2025-05", department="农业农村"),
            payment("c1", "DIBAO", i["C1"], "孔一", "2025-01"), payment("c2", "DIBAO", i["C2"], "曹一", "2025-01"),
            payment("c3", "DIBAO", i["C3"], "严一", "2025-01"),
            payment("d1", "DIBAO", i["D1"], "华一", "2025-05"), payment("d2", "DIBAO", i["D2"], "金一", "2025-05"),
            payment("e1", "DIBAO", i["KR1"], "张建军", "2025-05", village=V), payment("e2", "DIBAO", i["KM1"], "张小明", "2025-05"),
            payment("e3", "DIBAO", i["Q1"], "孙立", "2025-05", village=V), payment("e4", "DIBAO", i["KR2"], "张建华", "2025-05"),
            payment("e5", "DIBAO", i["KM2"], "李小红", "2025-05"), payment("e6", "TEKUN", i["K1"], "张建国", "2025-05"),
            payment("F-1", "DIBAO", i["F"], "冯一", "2025-05"), payment("F-2", "DIBAO", i["F"], "冯一", "2025-05", village=V2),
            payment("F-3", "DIBAO", i["F"], "冯一", "2025-06"),
            payment("G-1", "DIBAO", i["GG"], "褚一", "2025-05"), payment("G-2", "DIBAO", self.g_typo, "褚一", "2025-05"),
            payment("H-1", "DIBAO", i["H"], "卫一", "2025-05"), payment("H-2", "DIBAO", self.h_typo, "卫一", "2025-05"),
            payment("l1", "GENGDI", i["L"], "蒋一", "2025-05", department="农业农村", quantity="10.60"),
            payment("l2", "GENGDI", i["L"], "蒋一", "2025-06", department="农业农村", quantity="10.50"),
            payment("m1", "LINSHI", i["M"], "沈一", "2025-05", payee_account="6222-9", payee_account_name="陌生人"),
            payment("m2", "LINSHI", i["M"], "沈一", "2025-06", payee_account="6222-8", payee_account_name="韩梅"),
            payment("m3", "LINSHI", i["M"], "沈一", "2025-07", payee_account="6222-7", payee_account_name="沈一"),
            *[payment(f"n{k}", "LINSHI", i[f"N{k}"], n, "2025-05", payee_account="6222 0001") for k, n in [(1, "杨一"), (2, "杨二"), (3, "杨三")]],
            *[payment(f"o{k}", "LINSHI", i[f"O{k}"], n, "2025-05", payee_account="6222-0002") for k, n in [(1, "秦一"), (2, "秦二"), (3, "秦三")]],
        ])

    def write_bank(self):
        write_csv(f"{self.dir}/bank-accounts.csv", [
            {"account_number": "ACC1", "account_name": "村集体", "bank": "农商行", "area_code": G},
            {"account_number": "ACC3", "account_name": "村集体", "bank": "农商行", "area_code": V3}])
        self.flows = self.village_flows() + self.benford_flows()
        write_csv(f"{self.dir}/bank-transactions.csv", self.flows)

    def village_flows(self):
        return [
            flow("ACC1", "COV1", "2024-01-01", "100.00", "某某"), flow("ACC1", "COV2", "2025-12-31", "-10.00", "银行", channel="手续费"),
            # BANK-SPLIT: a run of three; one that starts at the second payment; two runs in a row; near-misses.
            flow("ACC1", "S1", "2025-03-02", "-2000.00", "宏达建材"), flow("ACC1", "S2", "2025-03-04", "-2000.00", "宏达建材"),
            flow("ACC1", "S3", "2025-03-08", "-1500.00", "宏达建材"), flow("ACC1", "S4", "2025-03-20", "-4000.00", "宏达建材"),
            flow("ACC1", "T1", "2025-04-01", "-1000.00", "永兴五金"), flow("ACC1", "T2", "2025-04-06", "-3000.00", "永兴五金"),
            flow("ACC1", "T3", "2025-04-09", "-3000.00", "永兴五金"),
            flow("ACC1", "X1", "2025-06-01", "-3000.00", "恒通"), flow("ACC1", "X2", "2025-06-05", "-3000.00", "恒通"),
            flow("ACC1", "X3", "2025-06-09", "-3000.00", "恒通"), flow("ACC1", "X4", "2025-06-12", "-3000.00", "恒通"),
            flow("ACC1", "U1", "2025-05-01", "-6000.00", "利民商店"), flow("ACC1", "U2", "2025-05-02", "-7000.00", "利民商店"),
            flow("ACC1", "W1", "2025-05-01", "-3000.00", "福顺"), flow("ACC1", "W2", "2025-05-08", "-3000.00", "福顺"),
            # BANK-CASH
            flow("ACC1", "Y1", "2025-07-01", "-3000.00", channel="现金"),
            flow("ACC1", "Y2", "2025-07-02", "-2500.00", summary="提现备用金"),
            flow("ACC1", "Y3", "2025-07-03", "-2000.00", channel="现金"), flow("ACC1", "Y4", "2025-07-04", "5000.00", channel="现金"),
            # BANK-TO-CADRE
            flow("ACC1", "Z1", "2025-08-01", "-800.00", "张建国", summary="购买办公用品"),
            flow("ACC1", "Z2", "2025-08-02", "-1200.00", "张建军", summary="劳务费"),
            flow("ACC1", "Z3", "2025-08-03", "-3000.00", "张建国", summary="2025年7月工资"),
            flow("ACC1", "Z4", "2025-08-04", "-900.00", "张小明", summary="材料款"),
            flow("ACC1", "Z5", "2025-08-05", "-900.00", "李卫东", summary="材料款"),
            flow("ACC1", "Z6", "2025-08-05", "-500.00", "张建国", purpose="误工补贴"),
            # CON-RENT-ARREARS: rent in from lessees
            flow("ACC1", "R1", "2024-03-31", "5000.00", "刘大"), flow("ACC1", "R2", "2025-03-20", "1000.00", "陈二（租金）"),
        ]

    @staticmethod
    def benford_flows():
        lines = [flow("ACC3", f"B{k}", "2024-06-01", f"-{9000 + k}.00") for k in range(200)]
        return lines + [flow("ACC3", f"C{k}", "2023-06-01", f"-{9000 + k}.00") for k in range(199)]

    def write_published(self, path):
        """Every due month published as spent, except 2025-06 (missing) and 2025-07 (another amount)."""
        spent = {}
        for f in self.flows:
            fen = round(float(f["amount"]) * 100)
            if fen < 0:
                key = (V3 if f["account_number"] == "ACC3" else V, f["booked_at"][:7])
                spent[key] = spent.get(key, 0) - fen
        spent.pop((V, "2025-06"))
        spent[(V, "2025-07")] += 1
        write_csv(path, [{"village_code": v, "period": m, "spending_fen": fen} for (v, m), fen in spent.items()])

    def write_contracts(self):
        i = self.ids
        write_csv(f"{self.dir}/contracts.csv", [
            lease("L1", V, "耕地", "刘大", "2023-03-01", "2033-02-28", "5000.00", area="5.00"),
            lease("L2", V, "厂房", "陈二", "2025-01-15", "2025-04-30", "12000.00", schedule="月付"),
            lease("L3", V4, "厂房", "陈三", "2023-01-15", "2026-04-30", "12000.00", schedule="月付"),
            lease("RL1", V, "铺面", "张小明", "2025-10-01", "2030-09-30", "1000.00", lessee_id=i["KM1"]),
            lease("RL2", V, "铺面", "张小明", "2025-10-01", "2030-09-30", "1000.00"),
            lease("RL3", V, "铺面", "张建军", "2025-10-01", "2030-09-30", "1000.00", lessee_id=i["KR1"]),
            lease("RL4", V, "铺面", "张建国", "2025-10-01", "2030-09-30", "1000.00", lessee_id=i["B"]),
            lease("RL5", V, "铺面", "李小红", "2022-06-01", "2023-12-31", "1000.00"),
            lease("NB1", V, "耕地", "某甲", "2025-10-01", "2030-09-30", "12000.00", area="12.00"),
            lease("NB2", V, "厂房", "某乙", "2025-10-01", "2030-09-30", "50000.00"),
            lease("NB3", V, "耕地", "某丙", "2025-10-01", "2030-09-30", "12000.00", area="12.00", award="公开招标"),
            lease("NB4", V, "耕地", "某丁", "2025-10-01", "2030-09-30", "9990.00", area="9.99"),
            lease("TM1", V4, "铺面", "某戊", "2000-01-01", "2030-01-02", "1000.00"),
            lease("TM2", V4, "铺面", "某己", "2000-01-01", "2030-01-01", "1000.00"),
            lease("TM3", V4, "铺面", "某庚", "2024-02-29", "2054-02-28", "1000.00"),
            lease("TM4", V4, "铺面", "某辛", "2024-02-29", "2054-03-01", "1000.00"),
            *[lease(f"LOW{k}", V5, "鱼塘", f"塘主{k}", "2025-01-01", "2029-12-31", rent, area="5.00", award="公开招标")
              for k, rent in enumerate(["5000.00", "5000.00", "5000.00", "2500.00", "2499.95"])],
            lease("FOR1", V5, "林地", "林主1", "2025-01-01", "2029-12-31", "5000.00", area="5.00", award="公开招标"),
            lease("FOR2", V5, "林地", "林主2", "2025-01-01", "2029-12-31", "100.00", area="5.00", award="公开招标"),
        ])


def load_reference():
    spec = importlib.util.spec_from_file_location("screen_reference", os.path.join(TOOLS, "screen-reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@unittest.skipIf(duckdb is None, "duckdb is not installed")
class ScreenReferenceTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.fixture = Fixture(cls.tmp.name)
        published = os.path.join(cls.tmp.name, "published.csv")
        cls.fixture.write_published(published)
        cls.out = os.path.join(cls.tmp.name, "findings.tsv")
        cls.printed = io.StringIO()
        with contextlib.redirect_stdout(cls.printed):
            load_reference().main(["--csv", cls.tmp.name, "--today", "2025-12-15", "--published", published, "--out", cls.out])
        with open(cls.out, encoding="utf-8") as f:
            cls.lines = f.read().splitlines()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def found(self, code):
        return sorted(line.split("\t", 1)[1] for line in self.lines if line.startswith(code + "\t"))

    def assertFinds(self, code, *expected):
        self.assertEqual(self.found(code), sorted("\t".join(e) for e in expected))

    def ben(self, tag_or_id, payment_id, village=G):
        return (village[:12], self.fixture.ids.get(tag_or_id, tag_or_id) + "|" + payment_id)

    def test_deceased_after_the_death_month_by_id_upgraded_id_and_name_birth_village_link(self):
        # a0 is for the month before the death month.
        self.assertFinds("BEN-DECEASED", self.ben("A", "a1"), self.ben("A2", "a2"), self.ben(self.fixture.a3_typo, "a3"))

    def test_public_employee_in_the_household_during_the_period_of_a_means_tested_payment(self):
        # b2 is before the employment began; b3 is not means-tested.
        self.assertFinds("BEN-PUBLIC-EMPLOYEE", self.ben("B", "b1"))

    def test_vehicle_registered_before_the_period_and_not_a_farm_vehicle(self):
        # c2's car was registered after the period began; c3's is a tractor.
        self.assertFinds("BEN-VEHICLE", self.ben("C1", "c1"))

    def test_business_registered_before_the_period(self):
        # d2's business was registered on the period's first day.
        self.assertFinds("BEN-BUSINESS", self.ben("D1", "d1"))

    def test_cadre_relatives_by_declaration_both_ways_household_and_self_unless_filed_or_out_of_term(self):
        # e4's case is filed; e5's cadre left office in 2020.
        self.assertFinds("BEN-CADRE-RELATIVE-UNFILED", self.ben("KR1", "e1", V), self.ben("KM1", "e2"), self.ben("Q1", "e3", V),
                         self.ben("K1", "e6"))

    def test_duplicate_across_villages_and_through_a_one_digit_typo(self):
        # F-3 is another period; H-2 is two digits off and stays unlinked.
        self.assertFinds("BEN-DUPLICATE", self.ben("F", "F-2", V2), self.ben(self.fixture.g_typo, "G-2"))

    def test_area_over_the_tolerance(self):
        # l2 claims exactly 5% more than contracted.
        self.assertFinds("BEN-AREA-OVERSTATED", self.ben("L", "l1"))

    def test_payee_neither_recipient_nor_household_member(self):
        # m2 is paid to the spouse, m3 to the recipient.
        self.assertFinds("BEN-PAYEE-MISMATCH", self.ben("M", "m1"))

    def test_shared_account_of_three_households(self):
        # 6222-0002 serves three recipients of two households; spaces in account numbers are dropped.
        self.assertFinds("BEN-SHARED-ACCOUNT", (V, "62220001"))

    def test_split_runs(self):
        # U1/U2 are each above the threshold; W1/W2 are 7 days apart; S4 is alone.
        self.assertFinds("BANK-SPLIT", (V, "ACC1|S1,S2,S3"), (V, "ACC1|T2,T3"), (V, "ACC1|X1,X2"), (V, "ACC1|X3,X4"))

    def test_cash_above_the_limit_by_channel_or_summary(self):
        # Y3 is exactly at the limit; Y4 is money in.
        self.assertFinds("BANK-CASH", (V, "ACC1|Y1"), (V, "ACC1|Y2"))

    def test_money_to_a_serving_cadre_or_declared_relative_but_not_payroll(self):
        # Z3/Z6 are payroll; Z4 is only a household member; Z5's cadre left office.
        self.assertFinds("BANK-TO-CADRE", (V, "ACC1|Z1"), (V, "ACC1|Z2"))

    def test_unpublished_or_differing_months_that_are_due(self):
        # 2025-12 has money out but is not yet due on 2025-12-15.
        self.assertFinds("BANK-UNPUBLISHED", (V, "2025-06"), (V, "2025-07"))

    def test_benford_only_with_enough_lines(self):
        # 2023 has 199 lines.
        self.assertFinds("BANK-BENFORD", (V3, "2024"))

    def test_relative_lessee_by_id_or_by_name(self):
        # RL4 names a cadre but records another person's ID; RL5's cadre had left office.
        self.assertFinds("CON-RELATIVE-LESSEE", (V, "RL1"), (V, "RL2"), (V, "RL3"))

    def test_no_bidding_over_the_thresholds(self):
        # NB3 was put out to tender (公开招标); NB4 is under 10 亩.
        self.assertFinds("CON-NO-BIDDING", (V, "NB1"), (V, "NB2"))

    def test_term_beyond_thirty_years(self):
        # TM2 ends on the day; TM3 on the last day of February 30 years after a 29 February.
        self.assertFinds("CON-TERM", (V4, "TM1"), (V4, "TM4"))

    def test_rent_arrears_inside_the_bank_coverage(self):
        # L1's 2024 rent came 30 days late, within grace; L2's one transfer settles one month only;
        # L3's village has no bank flows.
        self.assertFinds("CON-RENT-ARREARS", (V, "L1|2025-03"), (V, "L2|2025-03"), (V, "L2|2025-04"))

    def test_rent_below_half_the_town_median(self):
        # LOW3 is exactly half; the two 林地 leases are too few to compare.
        self.assertFinds("CON-RENT-LOW", (V5, "LOW4"))

    def test_prints_count_and_time_per_code_and_the_total(self):
        printed = self.printed.getvalue()
        for label in ["load", "BEN-DECEASED", "CON-RENT-LOW", "total", "peak RSS"]:
            self.assertIn(label, printed)

    def test_compare_agrees_with_the_same_findings_as_json_lines_and_reports_a_difference(self):
        swift = os.path.join(self.tmp.name, "swift.jsonl")
        self.write_swift_lines(swift, self.lines)
        self.assertEqual(self.compare(swift).returncode, 0)
        self.write_swift_lines(swift, self.lines[1:])
        result = self.compare(swift)
        self.assertEqual(result.returncode, 1)
        self.assertIn("only-in-reference", result.stdout)

    @staticmethod
    def write_swift_lines(path, lines):
        names = {"BEN": ["id_number", "payment_id"], "BANK": ["account_number", "transaction_id"], "CON": ["contract_id", "period"]}
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                code, village, subject = line.split("\t")
                values = subject.split("|")
                keys = (["period"] if code in ("BANK-UNPUBLISHED", "BANK-BENFORD") else ["account_number"] if code == "BEN-SHARED-ACCOUNT"
                        else names[code.split("-")[0]])
                fields = dict(zip(keys, values))
                if code == "BANK-SPLIT":
                    fields = {"account_number": values[0], "transaction_ids": list(reversed(values[1].split(",")))}
                f.write(json.dumps({"code": code, "severity": "low", "village_code": village, "subject": fields,
                                    "amount_fen": 0, "evidence": {}}, ensure_ascii=False) + "\n")

    def compare(self, swift):
        return subprocess.run([sys.executable, os.path.join(TOOLS, "screen-reference-compare.py"), swift, self.out],
                              capture_output=True, text=True)


if __name__ == "__main__":
    unittest.main()
