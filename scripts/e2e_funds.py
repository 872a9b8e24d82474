#!/usr/bin/env python3
"""End-to-end check of a village's collective funds in a real headless Chromium.

    scripts/e2e_funds.py BASE_URL [--out DIR] [--chromium PATH] [--timeout S]

Against a demo server (password Demo2026leizhou), reusing the CDP client of
scripts/e2e_publish.py:

  public-funds     an anonymous browser opens /areas/<白沙村委会>/funds: month
                   totals, the SVG flow diagram, the transaction list with
                   individuals masked, the balance and monthly charts, the
                   reconciliation of the month's finance publication
  download         the page's CSV link answers a CSV with the same header
  login-cunwen     the village clerk signs in
  prepare          on /admin/funds/statements the newest month is opened; the
                   largest spending line is lowered by 100 yuan with a reason
                   (an amendment reason too when the month is already
                   published) and saved; the browser lands on the publication
  submit           the clerk submits it to the supervision committee
  sign-off         cunjian (committee) signs it off in a fresh context
  reconciliation   the public funds page of that month now shows the statement
                   disagreeing with the bank by -100.00 on that line

Prints `PASS name: detail` / `FAIL name: detail`; the first failure ends the
run with exit status 1. Screenshots e2e-funds-*.png land in --out.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2e_publish as e2e  # noqa: E402  (the shared CDP client and helpers)
from e2e_publish import StepFailed, sign_in  # noqa: E402

VILLAGE = e2e.VILLAGE_CODE


class FundsScenario(e2e.Scenario):
    def __init__(self, base: str, out: Path, browser: e2e.Browser):
        super().__init__(base, out, browser)
        self.statement_month: str | None = None
        self.category: str | None = None

    def public_funds(self) -> str:
        tab = self.new_tab()
        tab.goto(f"/areas/{VILLAGE}/funds")
        facts = tab.js("""(() => ({
            totals: [...document.querySelectorAll('#month-totals li')].map(li => li.innerText.replace(/\\s+/g, ' ').trim()),
            bands: document.querySelectorAll('#flow svg path').length,
            rows: [...document.querySelectorAll('#transactions tbody tr')].map(tr => [...tr.cells].map(c => c.innerText.trim())),
            charts: document.querySelectorAll('svg.chart').length,
            reconciliation: (document.querySelector('#reconciliation') || {innerText: ''}).innerText.trim(),
            month: (document.querySelector('#month') || {value: ''}).value,
        }))()""")
        problems = []
        if len(facts["totals"]) != 4:
            problems.append(f"month totals {facts['totals']!r}")
        if facts["bands"] < 2:
            problems.append(f"{facts['bands']} band(s) in the flow diagram")
        if not facts["rows"]:
            problems.append("no transactions listed")
        people = [r[3] for r in facts["rows"] if len(r) > 3 and "*" in r[3]]
        if facts["rows"] and not people:
            problems.append(f"no masked individual among the counterparties {[r[3] for r in facts['rows']][:8]!r}")
        if facts["charts"] < 3:
            problems.append(f"{facts['charts']} chart(s), expected the flow, balance and monthly charts")
        if not facts["reconciliation"]:
            problems.append("no reconciliation block")
        if problems:
            raise StepFailed("; ".join(problems))
        shot = tab.screenshot(self.out / "e2e-funds-public.png")
        return (f"{facts['month']}: {'; '.join(facts['totals'])}; {facts['bands']} flow bands; {len(facts['rows'])} transactions, "
                f"{len(people)} with masked individuals (e.g. {people[0]!r}); reconciliation: {facts['reconciliation'][:40]!r}; screenshot {shot}")

    def download(self) -> str:
        href = self.tab.js("(document.querySelector('a[href*=\"format=csv\"]') || {}).href || null")
        if not href:
            raise StepFailed("no CSV download link")
        with urllib.request.urlopen(href, timeout=30) as response:
            body = response.read().decode("utf-8-sig")
            kind = response.headers.get("Content-Type")
        header = body.splitlines()[0] if body else ""
        if header != "记账日期,本方账户,金额（元）,类别,对方,对方账户,摘要" or "text/csv" not in (kind or ""):
            raise StepFailed(f"{href} answered {kind!r} starting {header!r}")
        return f"{href} -> {kind}, {len(body.splitlines()) - 1} rows"

    def login_cunwen(self) -> str:
        return sign_in(self.new_tab(), "cunwen")

    def prepare(self) -> str:
        tab = self.tab
        tab.goto("/admin/funds/statements")
        link = tab.js("(document.querySelector('#statements tbody tr a[href*=\"/admin/funds/statements/\"]') || {}).pathname || null")
        if not link:
            raise StepFailed(f"no month to prepare on /admin/funds/statements: {tab.text('main')[:200]!r}")
        self.statement_month = link.rsplit("/", 1)[-1]
        tab.goto(link)
        line = tab.js("""(() => {
            let best = null;
            for (const input of document.querySelectorAll('input[name^="amount["]')) {
                const row = input.closest('tr'), value = parseFloat(input.value);
                if (row.cells[0].innerText.startsWith('支出') && value >= 100 && (!best || value > best.value))
                    best = {name: input.name, value, category: input.name.slice(7, -1), label: row.cells[0].innerText.trim()};
            }
            return best;
        })()""")
        if not line:
            raise StepFailed(f"no spending line of at least 100 yuan in {self.statement_month}")
        self.category = line["label"].split("：", 1)[-1]
        lowered = f"{line['value'] - 100:.2f}"
        values = {line["name"]: lowered, f"reason[{line['category']}]": "浏览器测试：100 元为村干部代垫，已退回"}
        if tab.js("!!document.querySelector('#amendment')"):
            values["amendment"] = "浏览器测试：按原始凭证更正"
        tab.fill(values, form='main form[method="post"]')
        tab.submit('main form[method="post"] button[type="submit"]', "saving the statement")
        if not re.fullmatch(r"/admin/publications/\d+", tab.path()):
            raise StepFailed(f"saving led to {tab.path()}: {tab.text('main')[:300]!r}")
        self.publication_id = tab.path().rsplit("/", 1)[-1]
        return f"{link}: {line['label']} {line['value']:.2f} -> {lowered} with a reason; publication {self.publication_id}"

    def submit_statement(self) -> str:
        self.tab.submit('form[action$="/submit"] button[type="submit"]', "submitting the statement")
        heading = " ".join(self.tab.text("main section.versions h2").split())
        if "待监委会审核" not in heading:
            raise StepFailed(f"status after submitting is {heading!r}")
        return f"/admin/publications/{self.publication_id}: {heading!r}"

    def sign_off_statement(self) -> str:
        tab = self.new_tab()
        sign_in(tab, "cunjian")
        tab.goto(f"/admin/publications/{self.publication_id}")
        tab.submit('form[action$="/sign-off"] button[type="submit"]', "signing off the statement")
        heading = " ".join(tab.text("main section.versions h2").split())
        if "已公开" not in heading:
            raise StepFailed(f"status after signing off is {heading!r}")
        return f"as cunjian: {heading!r}"

    def reconciliation(self) -> str:
        tab = self.new_tab()
        tab.goto(f"/areas/{VILLAGE}/funds?month={self.statement_month}")
        text = tab.text("#reconciliation")
        row = tab.js(f"""(() => {{
            for (const tr of document.querySelectorAll('#reconciliation tbody tr')) {{
                const cells = [...tr.cells].map(c => c.innerText.trim());
                if (cells[0] === {json.dumps(self.category, ensure_ascii=False)}) return cells;
            }}
            return null;
        }})()""")
        if "不一致" not in text or not row or row[3] != "-100.00":
            raise StepFailed(f"the {self.statement_month} reconciliation shows {text[:200]!r}; row {row!r}")
        shot = tab.screenshot(self.out / "e2e-funds-reconciliation.png")
        return f"{self.statement_month}: {row!r} (公开数, 银行流水, 差异); screenshot {shot}"


def build(base: str, out: Path, browser: e2e.Browser):
    scenario = FundsScenario(base, out, browser)
    return scenario, [("public-funds", scenario.public_funds), ("download", scenario.download), ("login-cunwen", scenario.login_cunwen),
                         ("prepare", scenario.prepare), ("submit", scenario.submit_statement), ("sign-off", scenario.sign_off_statement),
                         ("reconciliation", scenario.reconciliation)]


if __name__ == "__main__":
    sys.exit(e2e.run_scenario(__doc__, "e2e_funds", build))
