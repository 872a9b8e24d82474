#!/usr/bin/env python3
"""End-to-end check of the supervision desk in a real headless Chromium.

    scripts/e2e_supervision.py BASE_URL [--out DIR] [--chromium PATH] [--timeout S]

Against a demo server (password Demo2026leizhou; the demo screens the county on first
start), reusing the CDP client of scripts/e2e_publish.py, as jiancha (supervision officer of
白沙镇):

  login-jiancha   signs in
  dashboard       /admin/supervision/dashboard shows the risk grid and findings by code
  finding         a finding without a lead explains its rule and evidence
  open-lead       the finding becomes a lead assigned to jiancha (status 待核实)
  note            a verification note moves it to 核实中
  close           it is cleared with a reason (已排除) and the outcome is shown
  leads-list      /admin/supervision/leads lists it as 已排除, beside the demo's leads in every
                  state (待核实, 核实中, 已查实, 已排除) with an overdue one flagged 逾期

Prints `PASS name: detail` / `FAIL name: detail`; the first failure ends the run with exit
status 1. Screenshots e2e-supervision-*.png land in --out.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2e_publish as e2e  # noqa: E402  (the shared CDP client and helpers)
from e2e_publish import StepFailed, sign_in  # noqa: E402


class SupervisionScenario(e2e.Scenario):
    def __init__(self, base: str, out: Path, browser: e2e.Browser):
        super().__init__(base, out, browser)
        self.lead: str | None = None

    def login(self) -> str:
        return sign_in(self.new_tab(), "jiancha")

    def desk(self) -> str:
        tab = self.tab
        tab.goto("/admin/supervision/dashboard")
        facts = tab.js("""(() => ({
            squares: document.querySelectorAll('#risk-grid svg rect').length,
            coloured: [...document.querySelectorAll('#risk-grid svg rect')].filter(r => r.getAttribute('fill') !== '#e3e7eb').length,
            codes: [...document.querySelectorAll('#by-code tbody tr')].map(tr => tr.innerText.replace(/\\s+/g, ' ').trim()),
        }))()""")
        if facts["squares"] < 10 or not facts["codes"]:
            raise StepFailed(f"risk grid has {facts['squares']} squares; codes {facts['codes']!r}")
        shot = self.tab.screenshot(self.out / "e2e-supervision-dashboard.png")
        return f"{facts['squares']} villages in the grid ({facts['coloured']} with open findings); {facts['codes'][:3]!r}; screenshot {shot}"

    def finding(self) -> str:
        tab = self.tab
        tab.goto("/admin/supervision/findings")
        links = tab.js("[...document.querySelectorAll('#findings a[href^=\"/admin/supervision/findings/\"]')].map(a => a.getAttribute('href'))") or []
        for href in links[:30]:
            tab.goto(href)
            if tab.js("!!document.querySelector('#open-lead')"):
                rule = tab.text("#rule").strip()
                rows = tab.js("document.querySelectorAll('#evidence tr').length")
                if not rule or not rows:
                    raise StepFailed(f"{href} has rule {rule!r} and {rows} evidence rows")
                self.finding_href = href
                return f"{href}: {tab.text('main h1').strip()!r}; {rule[:40]!r}; {rows} evidence rows"
        raise StepFailed(f"no finding without a lead among {len(links)} listed")

    def open_lead(self) -> str:
        tab = self.tab
        tab.fill({"assignee": "self"}, form="#open-lead")
        tab.submit("#open-lead button[type=submit]", "opening the lead")
        match = re.fullmatch(r"/admin/supervision/leads/(\d+)", tab.path())
        if not match or "待核实" not in tab.text("#lead-status"):
            raise StepFailed(f"opening led to {tab.path()}: {tab.text('main')[:200]!r}")
        self.lead = match.group(1)
        return f"lead {self.lead}: {tab.text('#lead-status').strip()!r}"

    def note(self) -> str:
        tab = self.tab
        tab.fill({"note": "浏览器测试：已调取银行回单和会议记录核对"}, form="#note-form")
        tab.submit("#note-form button[type=submit]", "adding a note")
        if "核实中" not in tab.text("#lead-status") or "浏览器测试" not in tab.text("#notes"):
            raise StepFailed(f"after the note: {tab.text('#lead-status')!r}; notes {tab.text('#notes')[:120]!r}")
        return f"{tab.text('#lead-status').strip()!r}"

    def close(self) -> str:
        tab = self.tab
        tab.fill({"result": "cleared", "summary": "浏览器测试：款项用途有合同和验收记录，属正常支出"}, form="#close-form")
        tab.submit("#close-form button[type=submit]", "closing the lead")
        if "已排除" not in tab.text("#lead-status") or "正常支出" not in tab.text("#outcome") or tab.js("!!document.querySelector('#close-form')"):
            raise StepFailed(f"after closing: {tab.text('#lead-status')!r}; outcome {tab.text('#outcome')!r}")
        shot = tab.screenshot(self.out / "e2e-supervision-lead.png")
        return f"{tab.text('#lead-status').strip()!r}; screenshot {shot}"

    def leads_list(self) -> str:
        tab = self.tab
        tab.goto("/admin/supervision/leads")
        row = tab.js(f"""(() => {{
            const a = document.querySelector('#leads a[href="/admin/supervision/leads/{self.lead}"]');
            return a ? [...a.closest('tr').cells].map(c => c.innerText.trim()) : null;
        }})()""")
        if not row or "已排除" not in row:
            raise StepFailed(f"lead {self.lead} not listed as 已排除: {row!r}")
        facts = tab.js("""(() => ({
            statuses: [...document.querySelectorAll('#leads tbody tr')].map(tr => tr.cells[3].innerText.trim()),
            overdue: document.querySelectorAll('#leads .tag.bad').length,
        }))()""")
        missing = [s for s in ("待核实", "核实中", "已查实", "已排除") if s not in facts["statuses"]]
        if missing or not facts["overdue"]:
            raise StepFailed(f"leads list lacks {missing} or an overdue lead ({facts['overdue']} flagged): {facts['statuses']!r}")
        counts = {s: facts["statuses"].count(s) for s in sorted(set(facts["statuses"]))}
        return f"{row!r}; {len(facts['statuses'])} leads by state {counts}, {facts['overdue']} overdue"


def build(base: str, out: Path, browser: e2e.Browser):
    scenario = SupervisionScenario(base, out, browser)
    return scenario, [("login-jiancha", scenario.login), ("dashboard", scenario.desk), ("finding", scenario.finding),
                         ("open-lead", scenario.open_lead), ("note", scenario.note), ("close", scenario.close), ("leads-list", scenario.leads_list)]


if __name__ == "__main__":
    sys.exit(e2e.run_scenario(__doc__, "e2e_supervision", build))
