#!/usr/bin/env python3
"""End-to-end check of the publication workflow in a real headless Chromium.

    scripts/e2e_publish.py BASE_URL [--out DIR] [--chromium PATH] [--timeout S]

Drives Chromium through the Chrome DevTools Protocol over --remote-debugging-pipe
(JSON messages terminated by NUL; Chromium reads commands from fd 3 and writes
to fd 4). Python 3.11 standard library only. Against a demo server
(`villagewatch serve --demo`, password Demo2026leizhou for every login):

  dashboard-before  zhen (town officer of 白沙镇) opens the compliance dashboard
                    of 白沙镇 for the current month; the 白沙村委会 row and the
                    village's obligations are recorded
  login-cunwen      cunwen (clerk of 白沙村委会) signs in at /admin/login
  draft             a major financial matter decided today (China time) is
                    drafted, its body carrying <script> and <b> markup
  submit            the draft is submitted to the village supervision committee
  logout            cunwen signs out through the header form
  login-cunjian     cunjian (committee member) signs in, in a fresh context
  sign-off          cunjian signs the version off; it is published
  public-page       an anonymous browser sees the title and the sanitised body
  proof             the page links an inclusion proof, which is valid JSON
  village-page      the village page lists the new publication
  dashboard-after   the dashboard (or the village's obligations) counts the
                    new major matter as published on time
  verify-log        tools/verify-log.py BASE_URL exits 0

Every step prints `PASS name: detail` or `FAIL name: detail`; the first failure
ends the run with exit status 1. Screenshots (PNG, 412 px wide) land in --out
(default var/browser-check/, relative to the repository root). Each run
creates one new, published publication on the server.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Demo2026leizhou"
TOWN_CODE = "440882100000"  # 白沙镇
VILLAGE_CODE = "440882100200"  # 白沙村委会
VILLAGE_NAME = "白沙村委会"
WIDTH, HEIGHT = 412, 915
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")

STEP_TIMEOUT = 30.0  # seconds, per browser step; --timeout changes it


class StepFailed(Exception):
    """A check failed; the message says why."""


# ------------------------------------------------------------------ output ---

PASSED: list[str] = []


def passed(name: str, detail: str) -> None:
    PASSED.append(name)
    print(f"PASS {name}: {detail}", flush=True)


def failed(name: str, detail: str) -> None:
    print(f"FAIL {name}: {detail}", flush=True)


# ------------------------------------------------------------- CDP client ---


class Browser:
    """Headless Chromium and a minimal CDP client over the debugging pipe."""

    def __init__(self, executable: str, profile: Path, log: Path):
        # Our ends: we write commands to cmd_w, read answers from out_r.
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()

        def child_fds() -> None:
            # Move both ends out of the way first so that neither dup2 clobbers
            # the other, then put them on fds 3 and 4, inheritable.
            a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(out_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.log_path = log
        self._log = open(log, "wb")
        args = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}",
            "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
            "about:blank",
        ]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     preexec_fn=child_fds, pass_fds=(3, 4), close_fds=True)
        os.close(cmd_r)
        os.close(out_w)
        self._out = os.fdopen(cmd_w, "wb", buffering=0)
        self._in = out_r
        self._next_id = 0
        self._write_lock = threading.Lock()
        self._cond = threading.Condition()
        self._results: dict[int, dict] = {}
        self._events: list[tuple[int, dict]] = []  # (sequence number, message)
        self._seq = 0
        self._closed: str | None = None
        self.dialogs: list[str] = []
        threading.Thread(target=self._reader, name="cdp-reader", daemon=True).start()

    # The reader thread: split the byte stream on NUL, file results by id, queue events.
    def _reader(self) -> None:
        buffer = b""
        try:
            while True:
                chunk = os.read(self._in, 1 << 16)
                if not chunk:
                    break
                buffer += chunk
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    if raw:
                        self._dispatch(json.loads(raw))
        except Exception as error:  # noqa: BLE001 - report any reader failure to the waiters
            with self._cond:
                self._closed = f"CDP reader failed: {error!r}"
                self._cond.notify_all()
            return
        with self._cond:
            self._closed = "Chromium closed the debugging pipe"
            self._cond.notify_all()

    def _dispatch(self, message: dict) -> None:
        if message.get("method") == "Page.javascriptDialogOpening":
            # A dialog would block the page until answered: note it and dismiss it.
            self.dialogs.append(message.get("params", {}).get("message", ""))
            self._send_raw("Page.handleJavaScriptDialog", {"accept": False}, message.get("sessionId"))
        with self._cond:
            if "id" in message:
                self._results[message["id"]] = message
            else:
                self._seq += 1
                self._events.append((self._seq, message))
                if len(self._events) > 5000:
                    del self._events[:1000]
            self._cond.notify_all()

    def _send_raw(self, method: str, params: dict | None, session: str | None) -> int:
        with self._write_lock:
            self._next_id += 1
            ident = self._next_id
            message = {"id": ident, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            try:
                self._out.write(json.dumps(message).encode() + b"\0")
            except OSError as error:
                raise StepFailed(f"cannot write to Chromium ({method}): {error}") from error
        return ident

    def mark(self) -> int:
        """The sequence number of the last event received; wait_event looks after it."""
        with self._cond:
            return self._seq

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        timeout = STEP_TIMEOUT if timeout is None else timeout
        ident = self._send_raw(method, params, session)
        deadline = time.monotonic() + timeout
        with self._cond:
            while ident not in self._results:
                if self._closed:
                    raise StepFailed(f"{method}: {self._closed}{self._log_tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StepFailed(f"{method}: no answer from Chromium within {timeout:.0f} s")
                self._cond.wait(left)
            message = self._results.pop(ident)
        if "error" in message:
            raise StepFailed(f"{method} failed: {message['error'].get('message')} {message['error'].get('data', '')}".strip())
        return message.get("result", {})

    def wait_event(self, method: str, after: int, session: str | None = None, what: str = "",
                   timeout: float | None = None, match=None) -> dict:
        """The first event `method` (of `session`) received after mark `after`."""
        timeout = STEP_TIMEOUT if timeout is None else timeout
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for seq, message in self._events:
                    if seq > after and message.get("method") == method and \
                            (session is None or message.get("sessionId") == session) and \
                            (match is None or match(message.get("params", {}))):
                        return message.get("params", {})
                if self._closed:
                    raise StepFailed(f"waiting for {what or method}: {self._closed}{self._log_tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StepFailed(f"timed out after {timeout:.0f} s waiting for {what or method}")
                self._cond.wait(left)

    def events_since(self, after: int, method: str, session: str | None = None) -> list[dict]:
        with self._cond:
            return [m.get("params", {}) for seq, m in self._events
                    if seq > after and m.get("method") == method and (session is None or m.get("sessionId") == session)]

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()[-5:]
        except OSError:
            return ""
        return ("; last lines of the Chromium log: " + " | ".join(lines)) if lines else ""

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self._send_raw("Browser.close", None, None)
            except StepFailed:
                pass
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        try:
            self._out.close()
        except OSError:
            pass
        self._log.close()


class Tab:
    """One page in its own browser context (its own cookie jar)."""

    def __init__(self, browser: Browser, base: str):
        self.browser = browser
        self.base = base
        self.context = browser.send("Target.createBrowserContext", {})["browserContextId"]
        self.target = browser.send("Target.createTarget", {
            "url": "about:blank", "browserContextId": self.context, "width": WIDTH, "height": HEIGHT,
        })["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        self.cmd("Page.enable")
        self.cmd("Network.enable")
        self.cmd("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        self.frame = self.cmd("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self.status: int | None = None  # HTTP status of the current document

    def cmd(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def close(self) -> None:
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.target}, timeout=10)
            self.browser.send("Target.disposeBrowserContext", {"browserContextId": self.context}, timeout=10)
        except StepFailed:
            pass

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base + "/", path.lstrip("/"))

    # --- evaluation -----------------------------------------------------------
    def js(self, expression: str):
        """Evaluates `expression` in the page and returns its value (JSON-able)."""
        result = self.cmd("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise StepFailed(f"script error in the page: {text} (in: {expression[:120]})")
        return result.get("result", {}).get("value")

    def text(self, selector: str = "body") -> str:
        return self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); return e ? e.innerText : null; }})()") or ""

    def path(self) -> str:
        return self.js("location.pathname")

    # --- navigation -------------------------------------------------------------
    def _await_new_document(self, mark: int, what: str) -> None:
        """Waits for the load event of a document that replaced the one marked."""
        self.browser.wait_event("Page.loadEventFired", mark, self.session, what=f"the page load after {what}")
        # The load event must belong to a new document, not the one the action ran in.
        if self.js("window.__e2eOldDocument === true"):
            raise StepFailed(f"{what}: the load event came from the old document")
        documents = [r for r in self.browser.events_since(mark, "Network.responseReceived", self.session)
                     if r.get("type") == "Document"]
        responses = [r for r in documents if r.get("frameId") == self.frame] or documents
        self.status = responses[-1]["response"]["status"] if responses else None
        if self.browser.dialogs:
            raise StepFailed(f"a JavaScript dialog opened: {self.browser.dialogs!r}")

    def goto(self, path: str, expect_status: int | None = 200) -> None:
        target = self.url(path)
        self.js("window.__e2eOldDocument = true")
        mark = self.browser.mark()
        try:
            result = self.cmd("Page.navigate", {"url": target})
        except StepFailed as error:
            raise StepFailed(f"opening {target}: {error} (is the server answering?)") from None
        if result.get("errorText"):
            raise StepFailed(f"navigating to {target} failed: {result['errorText']}")
        self._await_new_document(mark, f"opening {path}")
        if expect_status is not None and self.status != expect_status:
            raise StepFailed(f"GET {path} answered HTTP {self.status}, expected {expect_status}; page says: {self.text()[:200]!r}")

    def submit(self, button_selector: str, what: str, expect_status: int | None = 200) -> None:
        """Clicks a submit button and waits for the page the form leads to."""
        check = self.js(f"""(() => {{
            const b = document.querySelector({json.dumps(button_selector)});
            if (!b) return 'no element matches ' + {json.dumps(button_selector)};
            const f = b.form;
            if (!f) return 'the button is not in a form';
            if (!f.checkValidity()) return 'the form is invalid: ' + [...f.elements]
                .filter(e => e.willValidate && !e.checkValidity()).map(e => e.name + ' (' + e.validationMessage + ')').join(', ');
            return '';
        }})()""")
        if check:
            raise StepFailed(f"{what}: {check}")
        mark = self.browser.mark()
        self.js(f"window.__e2eOldDocument = true; document.querySelector({json.dumps(button_selector)}).click(); true")
        self._await_new_document(mark, what)
        if expect_status is not None and self.status != expect_status:
            raise StepFailed(f"{what}: answered HTTP {self.status}, expected {expect_status}; page says: {self.text('main')[:200]!r}")

    def fill(self, values: dict[str, str], form: str = "main form") -> None:
        """Sets form fields by name and fires input/change events, as typing would."""
        missing = self.js(f"""(() => {{
            const form = document.querySelector({json.dumps(form)});
            if (!form) return ['form ' + {json.dumps(form)}];
            const values = {json.dumps(values, ensure_ascii=False)}, missing = [];
            for (const [name, value] of Object.entries(values)) {{
                const field = form.elements.namedItem(name);
                if (!field) {{ missing.push(name); continue; }}
                field.value = value;
                if (field.value !== value) {{ missing.push(name + ' (value ' + JSON.stringify(value) + ' not accepted)'); continue; }}
                // A group of radio buttons (RadioNodeList) fires its events on the chosen one.
                const target = field.dispatchEvent ? field : [...field].find(e => e.checked);
                target.dispatchEvent(new Event('input', {{bubbles: true}}));
                target.dispatchEvent(new Event('change', {{bubbles: true}}));
            }}
            return missing;
        }})()""")
        if missing:
            raise StepFailed(f"cannot fill {', '.join(missing)}")

    def screenshot(self, path: Path) -> str:
        """Saves a full-page PNG, 412 px wide; returns a description."""
        metrics = self.cmd("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics.get("contentSize")
        height = int(min(max(size["height"], HEIGHT), 8000))
        data = self.cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
        })["data"]
        raw = base64.b64decode(data)
        if not raw.startswith(b"\x89PNG"):
            raise StepFailed(f"Page.captureScreenshot did not return a PNG for {path.name}")
        path.write_bytes(raw)
        return f"{path} ({WIDTH}x{height}, {len(raw)} bytes)"


# --------------------------------------------------------------- scenario ---


def sign_in(tab: Tab, username: str) -> str:
    tab.goto("/admin/login")
    tab.fill({"username": username, "password": PASSWORD}, form='form[action="/admin/login"]')
    tab.submit('form[action="/admin/login"] button[type="submit"]', f"signing in as {username}")
    path = tab.path()
    if path.startswith("/admin/login") or not path.startswith("/admin"):
        raise StepFailed(f"after signing in as {username} the browser is at {path}: {tab.text('main')[:200]!r}")
    if path.startswith("/admin/password"):
        raise StepFailed(f"{username} must change the password first (at {path})")
    header = tab.text("header nav")
    if "后台" not in header or not tab.js("!!document.querySelector('header form[action=\"/admin/logout\"]')"):
        raise StepFailed(f"signed in as {username} but the header shows no session: {header!r}")
    return f"signed in as {username}, at {path}, header {' '.join(header.split())!r}"


def village_row(tab: Tab) -> list[str]:
    """The cells of the 白沙村委会 row of the compliance table."""
    cells = tab.js(f"""(() => {{
        for (const tr of document.querySelectorAll('main table tbody tr')) {{
            const cells = [...tr.cells].map(c => c.innerText.trim());
            if (cells.includes({json.dumps(VILLAGE_NAME)})) return cells;
        }}
        return null;
    }})()""")
    if not cells:
        raise StepFailed(f"no {VILLAGE_NAME} row in the compliance table at {tab.path()}: {tab.text('main')[:200]!r}")
    return cells


def obligations(tab: Tab) -> list[list[str]]:
    """The rows (事项, 截止日期, 公开日期, 状态) of a village's obligations page."""
    return tab.js("[...document.querySelectorAll('main table tbody tr')].map(tr => [...tr.cells].map(c => c.innerText.trim()))") or []


def header_of(tab: Tab) -> list[str]:
    return tab.js("[...document.querySelectorAll('main table thead th')].map(th => th.innerText.trim())") or []


class Scenario:
    def __init__(self, base: str, out: Path, browser: Browser):
        self.base = base
        self.out = out
        self.browser = browser
        self.now = dt.datetime.now(CHINA)
        self.today = self.now.date()
        # A major matter decided 10 days ago and published today is 5 days late (the rule is
        # 5 days), so the dashboard month in which it fell due has to move.
        self.decided = self.today - dt.timedelta(days=10)
        self.due = self.decided + dt.timedelta(days=5)
        self.month = self.due.strftime("%Y-%m")
        self.stamp = self.now.strftime("%Y%m%d-%H%M%S")
        self.title = f"关于村道硬化工程的决定（浏览器测试 {self.stamp}）"
        self.label = f"重大事项：{self.decided.year}年{self.decided.month}月{self.decided.day}日决定"
        self.dashboard = f"/admin/compliance?area={TOWN_CODE}&month={self.month}&months=1"
        self.village_obligations = f"/admin/compliance/villages/{VILLAGE_CODE}?month={self.month}&months=1"
        self.publication_id: str | None = None
        self.tab: Tab | None = None
        self.before_row: list[str] = []
        self.before_obligations: list[list[str]] = []
        self.dashboard_header: list[str] = []

    def new_tab(self) -> Tab:
        if self.tab:
            self.tab.close()
        self.tab = Tab(self.browser, self.base)
        return self.tab

    def run(self, name: str, step) -> None:
        try:
            detail = step()
        except StepFailed as error:
            failed(name, str(error))
            self.shot_on_failure(name)
            raise
        passed(name, detail)

    def shot_on_failure(self, name: str) -> None:
        if self.tab is None:
            return
        try:
            where = self.tab.js("location.href")
            path = self.out / f"e2e-failed-{name}.png"
            self.tab.screenshot(path)
            print(f"      the page was {where}; screenshot {path}", flush=True)
        except StepFailed:
            pass

    # 7a. The dashboard before anything is published.
    def dashboard_before(self) -> str:
        tab = self.new_tab()
        sign_in(tab, "zhen")
        tab.goto(self.dashboard)
        self.before_row = village_row(tab)
        self.dashboard_header = header_of(tab)
        tab.goto(self.village_obligations)
        self.before_obligations = obligations(tab)
        mine = [r for r in self.before_obligations if r and r[0] == self.label]
        return (f"as zhen, {self.dashboard}: {VILLAGE_NAME} row {self.before_row}; "
                f"{len(self.before_obligations)} obligation(s) this month, {len(mine)} labelled {self.label}")

    # 1.
    def login_cunwen(self) -> str:
        return sign_in(self.new_tab(), "cunwen")

    # 2.
    def draft(self) -> str:
        tab = self.tab
        tab.goto("/admin/publications/new")
        body = ("经村民代表会议表决，决定对村内主干道实施硬化，资金来源为村集体经济收入。\n"
                "<script>alert(1)</script>\n"
                "<p>施工期间请村民注意安全，<b>加粗</b>提示：工程款项将按月公开。</p>")
        values = {"kind": "finance", "category": "major", "title": self.title,
                  "decided_on": self.decided.isoformat(), "body": body}
        tab.fill(values, form='form[action="/admin/publications"]')
        tab.submit('form[action="/admin/publications"] button[type="submit"]', "saving the draft")
        path = tab.path()
        match = re.fullmatch(r"/admin/publications/(\d+)", path)
        if not match:
            raise StepFailed(f"saving the draft led to {path}, not /admin/publications/{{id}}: {tab.text('main')[:300]!r}")
        self.publication_id = match.group(1)
        heading = tab.text("main h1").strip()
        if heading != self.title:
            raise StepFailed(f"the draft page's heading is {heading!r}, expected {self.title!r}")
        return f"draft {self.publication_id} saved at {path} (kind finance, category major, decided_on {self.decided})"

    def version_heading(self) -> str:
        return " ".join(self.tab.text("main section.versions h2").split())

    # 3.
    def submit(self) -> str:
        tab = self.tab
        button = 'form[action$="/submit"] button[type="submit"]'
        tab.submit(button, "submitting to the supervision committee")
        path = tab.path()
        if path != f"/admin/publications/{self.publication_id}":
            raise StepFailed(f"submitting led to {path}")
        heading = self.version_heading()
        if "待监委会审核" not in heading:
            raise StepFailed(f"status after submitting is {heading!r}, expected 待监委会审核")
        if tab.js(f"!!document.querySelector({json.dumps(button)})"):
            raise StepFailed("the submit button is still shown after submitting")
        return f"/admin/publications/{self.publication_id} shows {heading!r}"

    # 4a.
    def logout(self) -> str:
        tab = self.tab
        tab.submit('header form[action="/admin/logout"] button', "signing out")
        header = " ".join(tab.text("header nav").split())
        if "工作人员登录" not in header or "后台" in header:
            raise StepFailed(f"after signing out the header shows {header!r}")
        # The session is really gone: the admin page now asks for a sign-in.
        tab.goto(f"/admin/publications/{self.publication_id}", expect_status=None)
        if not tab.path().startswith("/admin/login") and tab.status not in (401, 403):
            raise StepFailed(f"after signing out, /admin/publications/{self.publication_id} still opens "
                             f"(HTTP {tab.status} at {tab.path()})")
        return f"signed out; header {header!r}; the draft page now answers HTTP {tab.status} at {tab.path()}"

    # 4b.
    def login_cunjian(self) -> str:
        return sign_in(self.new_tab(), "cunjian")

    # 4c.
    def sign_off(self) -> str:
        tab = self.tab
        tab.goto(f"/admin/publications/{self.publication_id}")
        before = self.version_heading()
        if "待监委会审核" not in before:
            raise StepFailed(f"cunjian sees status {before!r}, expected 待监委会审核")
        tab.submit('form[action$="/sign-off"] button[type="submit"]', "signing off")
        heading = self.version_heading()
        if "已公开" not in heading:
            raise StepFailed(f"status after signing off is {heading!r} (at {tab.path()}), expected 已公开")
        log = " ".join(tab.text("main section.versions p.muted").split())
        return f"as cunjian: {before!r} -> {heading!r}; {log}"

    # 5.
    def public_page(self) -> str:
        tab = self.new_tab()  # a fresh context: no cookies, no session
        tab.goto(f"/publications/{self.publication_id}")
        if tab.js("!!document.querySelector('header form[action=\"/admin/logout\"]')"):
            raise StepFailed("the public page shows a signed-in header in a fresh browser context")
        heading = tab.text("main h1").strip()
        if heading != self.title:
            raise StepFailed(f"the public page's heading is {heading!r}, expected {self.title!r}")
        facts = tab.js("""(() => {
            const a = document.querySelector('main article.body');
            if (!a) return null;
            return {
                scripts: a.querySelectorAll('script').length,
                pageScripts: document.querySelectorAll('script').length,
                html: a.innerHTML,
                text: a.innerText,
                bold: [...a.querySelectorAll('b')].map(b => b.textContent),
            };
        })()""")
        if facts is None:
            raise StepFailed("no <article class=\"body\"> on the public page")
        problems = []
        if facts["scripts"]:
            problems.append(f"{facts['scripts']} <script> element(s) inside the article")
        if "<script" in facts["html"].lower():
            problems.append("the article HTML contains '<script'")
        if not any("加粗" in b for b in facts["bold"]):
            problems.append(f"no <b> containing 加粗 in the article (bold texts {facts['bold']!r})")
        if self.browser.dialogs:
            problems.append(f"a dialog opened: {self.browser.dialogs!r}")
        if problems:
            raise StepFailed("; ".join(problems) + f"; article HTML: {facts['html'][:300]!r}")
        shown = "shown as text" if "alert(1)" in facts["text"] else "removed"
        self.shot_publication = self.out / "e2e-publication.png"
        shot = tab.screenshot(self.shot_publication)
        return (f"/publications/{self.publication_id} anonymous: title shown, <b>加粗</b> kept, no <script> in the "
                f"article (alert(1) text {shown}, no dialog, {facts['pageScripts']} script element(s) on the page); "
                f"screenshot {shot}")

    def proof(self) -> str:
        tab = self.tab
        href = tab.js("""(() => {
            const a = document.querySelector('main a[href*="/transparency/proof/inclusion"]');
            return a ? a.getAttribute('href') : null;
        })()""")
        if not href:
            raise StepFailed("the public page has no link to /transparency/proof/inclusion")
        parsed = urllib.parse.urlsplit(href)
        query = urllib.parse.parse_qs(parsed.query)
        if parsed.path != "/transparency/proof/inclusion" or "index" not in query or "tree_size" not in query:
            raise StepFailed(f"the proof link {href!r} is not /transparency/proof/inclusion?index=N&tree_size=M")
        try:
            index, size = int(query["index"][0]), int(query["tree_size"][0])
        except ValueError:
            raise StepFailed(f"the proof link {href!r} has a non-numeric index or tree_size") from None
        tab.goto(href)
        raw = tab.js("document.body ? document.body.innerText : ''")
        try:
            doc = json.loads(raw)
        except ValueError as error:
            raise StepFailed(f"{href} is not JSON ({error}): {raw[:200]!r}") from None
        if doc.get("index") != index:
            raise StepFailed(f"{href}: JSON index is {doc.get('index')!r}, expected {index}")
        proof = doc.get("proof")
        if not isinstance(proof, list) or not proof:
            raise StepFailed(f"{href}: 'proof' is {proof!r}, expected a non-empty array")
        extra = {k: doc[k] for k in ("tree_size", "leaf_hash") if k in doc}
        return f"{href} -> index {index}, {len(proof)}-hash proof, {extra}"

    # 6.
    def village_page(self) -> str:
        tab = self.tab
        tab.goto(f"/areas/{VILLAGE_CODE}")
        links = tab.js(f"""[...document.querySelectorAll('main a[href="/publications/{self.publication_id}"]')]
                           .map(a => a.innerText.trim())""")
        if self.title not in (links or []):
            latest = tab.js("[...document.querySelectorAll('main ul.list a[href^=\"/publications/\"]')].map(a => a.innerText.trim())")
            raise StepFailed(f"/areas/{VILLAGE_CODE} does not link /publications/{self.publication_id} with the title; "
                             f"links found {links!r}; latest publications listed: {latest!r}")
        shot = tab.screenshot(self.out / "e2e-village.png")
        return f"/areas/{VILLAGE_CODE} lists {self.title!r} among the latest publications; screenshot {shot}"

    # 7b.
    def dashboard_after(self) -> str:
        tab = self.new_tab()
        sign_in(tab, "zhen")
        tab.goto(self.dashboard)
        after_row = village_row(tab)
        shot = tab.screenshot(self.out / "e2e-dashboard.png")
        header = header_of(tab) or self.dashboard_header
        changed = [f"{header[i] if i < len(header) else i}: {a} -> {b}"
                   for i, (a, b) in enumerate(zip(self.before_row, after_row)) if a != b]
        tab.goto(self.village_obligations)
        after_obligations = obligations(tab)
        tab.screenshot(self.out / "e2e-dashboard-village.png")
        before_mine = [r for r in self.before_obligations if r and r[0] == self.label]
        after_mine = [r for r in after_obligations if r and r[0] == self.label]
        late = [r for r in after_mine if len(r) >= 4 and "逾期5天公开" in r[3] and r[2] == self.today.isoformat()]
        before_late = [r for r in before_mine if len(r) >= 4 and "逾期5天公开" in r[3] and r[2] == self.today.isoformat()]
        if len(late) <= len(before_late):
            raise StepFailed(f"no new {self.label!r} obligation published {self.today} with status 逾期5天公开 at "
                             f"{self.village_obligations}: before {before_mine!r}, after {after_mine!r}")
        if not changed:
            raise StepFailed(f"the {VILLAGE_NAME} row did not move on {self.dashboard}: {self.before_row} -> {after_row}")
        return (f"{VILLAGE_NAME} row changed ({'; '.join(changed)}); {self.village_obligations} lists {late[-1]!r}; "
                f"screenshots {shot} and {self.out / 'e2e-dashboard-village.png'}")


def verify_log(base: str, timeout: float) -> str:
    command = [sys.executable, "tools/verify-log.py", base]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=max(timeout * 10, 300))
    except subprocess.TimeoutExpired:
        raise StepFailed(f"{' '.join(command)} did not finish in time") from None
    lines = (done.stdout + done.stderr).strip().splitlines()
    if done.returncode != 0:
        bad = [line for line in lines if line.startswith("FAIL")] or lines[-5:]
        raise StepFailed(f"python3 tools/verify-log.py {base} exited {done.returncode}: {' | '.join(bad)}")
    return f"python3 tools/verify-log.py {base} exited 0: {lines[-1] if lines else ''}"


def run_scenario(doc: str, name: str, build) -> int:
    """The command line every follow-on e2e script shares (BASE_URL, --out, --chromium,
    --timeout): starts Chromium, lets `build(base, out, browser)` return the scenario and its
    (name, step) list, runs the steps until the first failure."""
    global STEP_TIMEOUT
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("base", metavar="BASE_URL")
    parser.add_argument("--out", default="var/browser-check")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    STEP_TIMEOUT = args.timeout
    if not args.chromium:
        print("FAIL chromium: not found on PATH", flush=True)
        return 1
    out = Path(args.out) if Path(args.out).is_absolute() else ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"vw-{name}."))
    browser = Browser(args.chromium, work / "profile", work / "chromium.log")
    try:
        scenario, steps = build(args.base.rstrip("/"), out, browser)
        try:
            for step_name, step in steps:
                scenario.run(step_name, step)
        except StepFailed:
            return 1
        print(f"{name}: all {len(steps)} checks passed; screenshots in {out}", flush=True)
        return 0
    finally:
        browser.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    global STEP_TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", metavar="BASE_URL", help="the running server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--out", default="var/browser-check", help="directory for screenshots (default var/browser-check, "
                        "relative to the repository root)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium")
                        or shutil.which("chromium-browser"), help="the Chromium executable (default: chromium on PATH)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per browser step (default 30)")
    args = parser.parse_args()
    STEP_TIMEOUT = args.timeout
    base = args.base.rstrip("/")
    if not re.match(r"https?://", base):
        parser.error(f"BASE_URL must start with http:// or https://, got {args.base!r}")
    if not args.chromium:
        print("FAIL chromium: not found on PATH (Debian: apt-get install chromium), or pass --chromium", flush=True)
        return 1
    out = Path(args.out)
    if not out.is_absolute():
        out = ROOT / out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("e2e-*.png"):
        old.unlink()

    work = Path(tempfile.mkdtemp(prefix="vw-e2e-publish."))
    browser = None
    try:
        try:
            browser = Browser(args.chromium, work / "profile", work / "chromium.log")
            version = browser.send("Browser.getVersion", timeout=max(args.timeout, 60))
        except (StepFailed, OSError) as error:
            failed("chromium", f"could not start {args.chromium} with --remote-debugging-pipe: {error}")
            return 1
        passed("chromium", f"{version.get('product')} over --remote-debugging-pipe")
        scenario = Scenario(base, out, browser)
        steps = [
            ("dashboard-before", scenario.dashboard_before),
            ("login-cunwen", scenario.login_cunwen),
            ("draft", scenario.draft),
            ("submit", scenario.submit),
            ("logout", scenario.logout),
            ("login-cunjian", scenario.login_cunjian),
            ("sign-off", scenario.sign_off),
            ("public-page", scenario.public_page),
            ("proof", scenario.proof),
            ("village-page", scenario.village_page),
            ("dashboard-after", scenario.dashboard_after),
        ]
        try:
            for name, step in steps:
                scenario.run(name, step)
        except StepFailed:
            return 1
        finally:
            if scenario.tab:
                scenario.tab.close()
        if dt.datetime.now(CHINA).date() != scenario.today:
            print(f"note: the China date changed during the run (started {scenario.today}); "
                  "a failure above may be a midnight race, not a bug", flush=True)
        try:
            passed("verify-log", verify_log(base, args.timeout))
        except StepFailed as error:
            failed("verify-log", str(error))
            return 1
        print(f"e2e_publish: all {len(PASSED)} checks passed; publication {scenario.publication_id}; "
              f"screenshots in {out}", flush=True)
        return 0
    finally:
        if browser:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
