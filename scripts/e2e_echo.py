#!/usr/bin/env python3
"""End-to-end check of the echo wall (回音壁) in a real headless Chromium.

    scripts/e2e_echo.py BASE_URL [--out DIR] [--chromium PATH] [--timeout S]

Against a demo server (password Demo2026leizhou), reusing the CDP client of
scripts/e2e_publish.py. A villager of 白沙村委会 without an account submits three items from the
village's form; each goes to its level, is answered there and rated in public:

  submit-question   a real-name question (with a phone number in its text) → receipt code
  submit-complaint  an anonymous complaint → receipt code
  submit-report     a real-name report about a cadre → receipt code
  answer-question   cunwen (village clerk) acknowledges and answers the question
  report-hidden     cunwen's list does not show the report and its page is refused (403)
  answer-complaint  zhen (town officer) answers the complaint; the report is hidden from him too
  answer-report     jiancha (supervision officer) sees the report, reveals the reporter (audited), answers
  rate              the villager follows each item with its receipt code and rates the answer (5, 4, 3)
  public-wall       the village's wall shows the three rated answers: the question's phone masked, the
                    report's text withheld, no reporter's name anywhere

Prints `PASS name: detail` / `FAIL name: detail`; the first failure ends the run with exit
status 1. Screenshots e2e-echo-*.png land in --out.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2e_publish as e2e  # noqa: E402  (the shared CDP client and helpers)
from e2e_publish import StepFailed, sign_in  # noqa: E402

VILLAGE = e2e.VILLAGE_CODE
REPORTER = "王秀英"
PHONE = "13912345678"


class EchoScenario(e2e.Scenario):
    def __init__(self, base: str, out: Path, browser: e2e.Browser):
        super().__init__(base, out, browser)
        self.items: dict[str, tuple[str, str]] = {}  # kind → (id, receipt code)
        # Runs of eight or more digits are masked on public pages, so the marker keeps to six.
        marker = self.now.strftime("%H%M%S")
        self.texts = {
            "question": f"村里去年的鱼塘承包费用在哪里了？请回电 {PHONE}（浏览器测试 {marker}）",
            "complaint": f"村口垃圾一个多星期没有清运（浏览器测试 {marker}）",
            "report": f"反映村干部把低保给了亲戚（浏览器测试 {marker}）",
        }
        self.answers = {
            "question": f"鱼塘承包费已用于村道维修，明细见财务公开（浏览器测试 {marker}）",
            "complaint": f"已安排每周三次定时清运（浏览器测试 {marker}）",
            "report": f"经核查已责令整改并追回资金（浏览器测试 {marker}）",
        }

    def signed_out_tab(self) -> e2e.Tab:
        tab = self.new_tab()
        tab.goto("/")
        if tab.js("!!document.querySelector('header form[action=\"/admin/logout\"]')"):
            tab.submit('header form[action="/admin/logout"] button', "signing out")
        return tab

    def submit_item(self, kind: str, category: str, real_name: bool) -> str:
        tab = self.signed_out_tab()
        tab.goto(f"/areas/{VILLAGE}")
        if not tab.js(f"!!document.querySelector('a[href=\"/areas/{VILLAGE}/echo/new\"]')"):
            raise StepFailed(f"the village page has no 我要反映 link: {tab.text('main')[:200]!r}")
        tab.goto(f"/areas/{VILLAGE}/echo/new")
        values = {"kind": kind, "category": category, "text": self.texts[kind], "identity": "real" if real_name else "anonymous"}
        if real_name:
            values.update({"name": REPORTER, "phone": PHONE})
        tab.fill(values, form="#echo-form")
        tab.submit("#echo-form button[type=submit]", f"submitting the {kind}")
        code, number = tab.text("#receipt-code").strip(), tab.text("#echo-id").strip()
        if len(code) != 19 or not number.isdigit():
            raise StepFailed(f"no receipt after submitting the {kind}: {tab.text('main')[:200]!r}")
        self.items[kind] = (number, code)
        if kind == "report":
            tab.screenshot(self.out / "e2e-echo-receipt.png")
        return f"{kind} {number}, receipt {code}: {' '.join(tab.text('main p:nth-of-type(2)').split())[:80]!r}"

    def signed_in_tab(self, username: str) -> e2e.Tab:
        tab = self.signed_out_tab()
        sign_in(tab, username)
        return tab

    def answer(self, username: str, kind: str, acknowledge: bool = False) -> str:
        tab = self.signed_in_tab(username)
        number = self.items[kind][0]
        tab.goto("/admin/echo")
        if f"/admin/echo/{number}" not in (tab.js("[...document.querySelectorAll('#echo-items a')].map(a => a.getAttribute('href')).join(' ')") or ""):
            raise StepFailed(f"{username}'s list does not show {kind} {number}")
        tab.goto(f"/admin/echo/{number}")
        if self.texts[kind] not in tab.text("#echo-full-text"):
            raise StepFailed(f"{username} does not see the {kind}'s text: {tab.text('main')[:200]!r}")
        if acknowledge:
            tab.submit("#acknowledge-form button", f"{username} acknowledging")
        tab.fill({"answer": self.answers[kind]}, form="#answer-form")
        tab.submit("#answer-form button[type=submit]", f"{username} answering")
        if self.answers[kind] not in tab.text("#echo-answer"):
            raise StepFailed(f"after answering: {tab.text('main')[:200]!r}")
        return f"{username} answered {kind} {number}: {tab.text('.card .tag').strip()!r}"

    def hidden_from(self, tab: e2e.Tab, username: str) -> str:
        number = self.items["report"][0]
        tab.goto("/admin/echo")
        if f"/admin/echo/{number}\"" in tab.js("document.querySelector('main').innerHTML") or self.texts["report"] in tab.text("main"):
            raise StepFailed(f"{username}'s list shows the report {number}")
        tab.goto(f"/admin/echo/{number}", expect_status=403)
        return f"{username}: report {number} not listed, its page answers HTTP {tab.status}"

    def report_hidden(self) -> str:
        return self.hidden_from(self.signed_in_tab("cunwen"), "cunwen")

    def answer_complaint(self) -> str:
        done = self.answer("zhen", "complaint")
        return done + "; " + self.hidden_from(self.tab, "zhen")

    def answer_report(self) -> str:
        tab = self.signed_in_tab("jiancha")
        number = self.items["report"][0]
        tab.goto(f"/admin/echo/{number}")
        if REPORTER in tab.text("main"):
            raise StepFailed("the reporter's name is shown before it is asked for")
        tab.submit(f'form[action="/admin/echo/{number}/reporter"] button', "revealing the reporter")
        if f"{REPORTER} {PHONE}" not in tab.text("#reporter"):
            raise StepFailed(f"the reporter is not revealed: {tab.text('main')[:200]!r}")
        revealed = tab.text("#reporter").strip()
        return self.answer("jiancha", "report") + f"; reporter revealed to jiancha ({revealed!r}, audited)"

    def rate(self) -> str:
        done = []
        for kind, stars in (("question", "5"), ("complaint", "4"), ("report", "3")):
            tab = self.signed_out_tab()
            tab.goto("/echo/track")
            tab.fill({"code": self.items[kind][1].lower()}, form="#track-form")
            tab.submit("#track-form button[type=submit]", f"following the {kind}")
            if self.answers[kind] not in tab.text("#echo-answer"):
                raise StepFailed(f"the {kind}'s answer is not shown to the villager: {tab.text('main')[:200]!r}")
            tab.fill({"rating": stars}, form="#rate-form")
            tab.submit("#rate-form button[type=submit]", f"rating the {kind}")
            if "已办结" not in tab.text("#echo-item") or tab.text("#echo-rating").count("★") != int(stars):
                raise StepFailed(f"after rating the {kind}: {tab.text('main')[:200]!r}")
            done.append(f"{kind} {tab.text('#echo-rating').strip()}")
        return "; ".join(done)

    def public_wall(self) -> str:
        tab = self.signed_out_tab()
        tab.goto(f"/areas/{VILLAGE}/echo")
        text = tab.text("main")
        missing = [kind for kind in self.answers if self.answers[kind] not in text]
        if missing:
            raise StepFailed(f"the wall lacks the answers to {missing}")
        if PHONE in text or REPORTER in text or self.texts["report"] in text:
            raise StepFailed("the wall shows a phone number, a reporter or the report's text")
        if f"****{PHONE[-4:]}" not in text:
            raise StepFailed("the question's phone number is not shown masked")
        shot = tab.screenshot(self.out / "e2e-echo-wall.png")
        board = " ".join(tab.text("table.echo-board tbody tr").split())
        return f"three rated answers in public, phone masked, report text withheld; {board!r}; screenshot {shot}"


def build(base: str, out: Path, browser: e2e.Browser):
    s = EchoScenario(base, out, browser)
    return s, [("submit-question", lambda: s.submit_item("question", "finances", True)),
               ("submit-complaint", lambda: s.submit_item("complaint", "services", False)),
               ("submit-report", lambda: s.submit_item("report", "benefits", True)),
               ("answer-question", lambda: s.answer("cunwen", "question", acknowledge=True)),
               ("report-hidden", s.report_hidden), ("answer-complaint", s.answer_complaint), ("answer-report", s.answer_report),
               ("rate", s.rate), ("public-wall", s.public_wall)]


if __name__ == "__main__":
    sys.exit(e2e.run_scenario(__doc__, "e2e_echo", build))
