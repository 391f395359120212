"""The browser harness: a live portal on its own SQLite file, Debian's Chromium driven by
Playwright, persona logins, a byte meter over the DevTools protocol and network emulation.

Used by the e2e tests and by the bench scripts (bench/screenshots.py, bench/serve.py).

Extending it for a new capability:
- a new page: one `Page(...)` line in PAGES of pages.py -> axe, 360 px, 200% zoom and CSP checks
  (test_a11y fails for a GET endpoint with neither a Page nor a reason in NOT_PAGES);
- an htmx interaction: one row in PARTIALS of test_budgets.py -> the 2 KB fragment budget;
- a flow (daily entry, approval, rating, rapor): a test next to the others using the fixtures
  `page`, `new_context(java_script_enabled=False)` for no-JS, `ByteMeter(page).throttle()` for
  the slow network, `live.query(fn)` to assert what the database holds, and `live.ids` /
  `live.nip(persona)` / `live.workday(persona)` for the demo people. Every test starts on the
  freshly seeded database (`LiveServer.reset`, run by an autouse fixture in conftest.py);
- the offline queue: the last section of test_feedback.py.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.serving import make_server

from tests.conftest import PERSONAS
from tests.e2e import demo_db
from tests.e2e.pages import _kinds, _Of

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "rahasia123"

# The home each role lands on, and the persona whose home it is.
HOMES = {
    "pegawai": "/beranda/pegawai",
    "atasan": "/beranda/atasan",
    "sekda": "/beranda/sekda",
    "admin": "/admin/",
}


class LiveServer:
    """The real app (CSRF on, not TESTING) served by werkzeug in a thread on a free port."""

    def __init__(self, folder: str | None = None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="portal-e2e-"))
        self.app = _make_app(self.folder)
        self.ids, self.nips = _seed(self.app)
        self.triwulan = self.query(demo_db.last_rated_code)
        self._snapshot = demo_db.copy(self.app, to_memory=True)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def path(self, template: str) -> str:
        kinds = {kind: _Of(self, fn) for kind, fn in _kinds().items()}
        return template.format(**self.ids, **kinds, triwulan=self.triwulan)

    def nip(self, persona: str) -> str:
        return self.nips[PERSONAS.get(persona, persona)]

    def query(self, fn):
        """`fn()` inside the app (for asserting what the database holds after a flow)."""
        from portal.extensions import db

        with self.app.app_context():
            try:
                return fn()
            finally:
                db.session.remove()

    def workday(self, persona: str) -> str:
        """The latest day a daily entry may carry, as the form's ISO date."""
        return self.query(lambda: demo_db.workday(self.ids[PERSONAS.get(persona, persona)]))

    def reset(self) -> None:
        """Back to the freshly seeded demo province, so a test that saves an entry, approves an
        SKP or rates someone leaves nothing behind for the next one."""
        demo_db.copy(self.app, source=self._snapshot)

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)
        self.server.server_close()
        from portal.extensions import db

        with self.app.app_context():
            db.engine.dispose()


def _make_app(folder: Path):
    from portal import create_app

    previous = os.environ.get("INSTANCE_PATH")
    os.environ["INSTANCE_PATH"] = str(folder / "instance")
    try:
        return create_app({
            "SECRET_KEY": "e2e-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'e2e.db'}",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "LOGIN_MAX_PER_ADDRESS": 100000,
            "LOGIN_MAX_PER_NIP": 100000,
        })
    finally:
        if previous is None:
            os.environ.pop("INSTANCE_PATH", None)
        else:
            os.environ["INSTANCE_PATH"] = previous


def _seed(app):
    from portal.demo import seed_demo
    from portal.extensions import db

    with app.app_context():
        db.create_all()
        people = seed_demo(PASSWORD)
        ids = {key: p.id for key, p in people.items()}
        nips = {key: p.nip for key, p in people.items()}
        db.session.remove()
    return ids, nips


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def login(page, live: LiveServer, persona: str, role: str | None = None) -> None:
    """Log in through the form, as a person would; then view as `role` (top-bar switch) when
    the person has several roles and did not land on that role's home."""
    page.goto(live.url + "/masuk")
    page.fill("#nip", live.nip(persona))
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("form button.primary")
    assert "/masuk" not in page.url, f"login {persona} gagal"
    if role and not page.url.endswith(HOMES.get(role, "?")) and page.locator(".peran").count():
        switch_role(page, role)


def open_task(page, label: str) -> None:
    """A task of the role's navigation: in the bottom bar, or under "Lainnya" (opened first)."""
    nav = page.locator("nav.tugas")
    link = nav.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        nav.locator("details.lainnya > summary").click()
    with page.expect_navigation():
        link.click()


def logout(page) -> None:
    """"Keluar" inside the top bar's menu."""
    page.click("details.akun summary")
    with page.expect_navigation():
        page.click("details.akun form[action$='/keluar'] button")


def switch_role(page, role: str) -> None:
    """The role switch of the top bar: a <details> of one button per role (works without JS)."""
    page.click("details.peran summary")
    with page.expect_navigation():
        page.click(f"details.peran button[value={role}]")


# --- bytes on the wire -------------------------------------------------------------------------

@dataclass
class Visit:
    """What one navigation cost: every response as counted by Chromium (headers + compressed
    body), and how many requests went to the network (cache hits excluded)."""
    rows: list[dict] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(r["bytes"] for r in self.rows if not r["cached"])

    @property
    def requests(self) -> int:
        return sum(1 for r in self.rows if not r["cached"])

    @property
    def distinct_requests(self) -> int:
        """Requests for different URLs: Chromium's icon service sometimes asks for the same
        favicon twice in one navigation, which is the browser's doing, not the page's."""
        return len({r["url"] for r in self.rows if not r["cached"]})

    def fetched(self, part: str) -> list[dict]:
        return [r for r in self.rows if part in r["url"] and not r["cached"]]

    def table(self) -> str:
        return "\n".join(f"  {r['bytes']:>7} {'cache' if r['cached'] else 'net  '} {r['url']}"
                         for r in self.rows)


class ByteMeter:
    """Listens to the DevTools Network domain of one page: `Network.loadingFinished`'s
    encodedDataLength is what travelled on the wire for a response."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self._rows: dict[str, dict] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._cached)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)

    def _sent(self, p):
        self._rows[p["requestId"]] = {"url": p["request"]["url"], "bytes": 0, "cached": False,
                                      "status": None, "type": p.get("type", "")}

    def _cached(self, p):
        if p["requestId"] in self._rows:
            self._rows[p["requestId"]]["cached"] = True

    def _received(self, p):
        row = self._rows.get(p["requestId"])
        if row is not None:
            row["status"] = p["response"]["status"]
            row["encoding"] = {k.lower(): v for k, v in p["response"]["headers"].items()
                               }.get("content-encoding", "")
            if p["response"].get("fromDiskCache") or p["response"].get("fromPrefetchCache"):
                row["cached"] = True

    def _finished(self, p):
        row = self._rows.get(p["requestId"])
        if row is not None:
            row["bytes"] = int(p["encodedDataLength"])

    def _failed(self, p):
        row = self._rows.get(p["requestId"])
        if row is not None:
            row["failed"] = True

    def clear_cache(self) -> None:
        self.cdp.send("Network.clearBrowserCache")

    def start(self) -> None:
        self._rows = {}

    def stop(self) -> Visit:
        self.page.wait_for_load_state("networkidle")
        return Visit([r for r in self._rows.values() if not r["url"].startswith("data:")])

    def visit(self, url: str) -> Visit:
        self.start()
        self.page.goto(url)
        return self.stop()

    def throttle(self, down_kbit: int = 400, up_kbit: int = 400, latency_ms: int = 400) -> None:
        """Chromium's network emulation ("slow 3G"-like): throughput in bytes per second."""
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms,
            "downloadThroughput": down_kbit * 1000 / 8, "uploadThroughput": up_kbit * 1000 / 8})

    def unthrottle(self) -> None:
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --- accessibility and layout ---------------------------------------------------------------

def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (npm, injected through DevTools evaluation, which our CSP does not block)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 = no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# --- phone layout: fit, tap targets, navigation share, confirmations ------------------------

_PHONE = (Path(__file__).parent / "phone_check.js").read_text(encoding="utf-8")


def phone_problems(page) -> tuple[list[str], float]:
    """At a phone's width: what sticks out of the screen or is cut off inside a box, tap targets
    under 44 x 44 px that have no 44 px area of their own, and the share of the first screen's
    height the navigation takes (top bar plus bottom bar)."""
    page.evaluate("window.scrollTo(0, 0)")
    found = page.evaluate(_PHONE)
    return found["problems"], found["nav"]


# Forms that change a period, a rating or a batch: each must ask first (data-konfirmasi).
CONSEQUENTIAL = (r"/tutup$", r"/buka$", r"/rating$", r"/terapkan$", r"/realisasi/terima$",
                 r"/aktif$", r"/\d+/keberatan$", r"/putusan$", r"/hapus$", r"/nonaktif$",
                 r"/akhiri$", r"/reset-sandi$", r"/revisi$", r"^/penilaian/tim/[^/]+/\d+$",
                 r"^/penilaian/kepala-daerah/", r"^/penilaian/\d+/terima$")

_CONFIRMS = (Path(__file__).parent / "confirm_check.js").read_text(encoding="utf-8")


def confirmation_problems(page) -> list[str]:
    """Every form of the page that changes a period, a rating or a batch (or asks with
    data-konfirmasi) answers a POST that did not confirm with the confirmation page, as it does
    without JavaScript; nothing is done before "Ya"."""
    return page.evaluate(_CONFIRMS, list(CONSEQUENTIAL))
