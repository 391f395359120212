"""The browser harness: a live portal on its own SQLite file, Debian's Chromium driven by
Playwright, persona logins. The byte meter over the DevTools protocol and network emulation
are in meter.py, the page checks (axe, layout, confirmations) in checks.py.

Used by the e2e tests and by the bench scripts (bench/screenshots.py, bench/serve.py).

Extending it for a new capability:
- a new page: one `Page(...)` line in PAGES of pages.py -> axe, 360 px, 200% zoom and CSP checks
  (test_a11y fails for a GET endpoint with neither a Page nor a reason in NOT_PAGES);
- an htmx interaction: one row in PARTIALS of test_budgets.py -> the 2 KB fragment budget;
- a flow (daily entry, approval, rating, rapor): a test next to the others using the fixtures
  `page`, `new_context(java_script_enabled=False)` for no-JS, `meter.ByteMeter(page).throttle()` for
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
