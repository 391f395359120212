"""Browser fixtures: `live` (the portal on a free port with the demo province), `browser`
(Debian's Chromium), `context`/`page` (a fresh profile: empty cache, no cookies) and `login`.
Before each test that uses the live portal its database is restored to the seeded demo.

Without /usr/bin/chromium or the playwright package the tests are skipped with the reason;
in CI (CI=true) that is a failure instead, so a broken CI image cannot pass silently.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from tests.e2e import checks, harness

IN_CI = os.environ.get("CI", "").lower() == "true"
BYTES_JSON = harness.ROOT / "bench" / "out" / "bytes.json"


def _missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "paket Python 'playwright' tidak terpasang (pip install -e '.[dev]')"
    if not Path(harness.CHROMIUM).exists():
        return f"Chromium tidak ditemukan di {harness.CHROMIUM} (apt-get install chromium)"
    if not checks.AXE.exists():
        return "axe-core tidak ada di node_modules (npm ci)"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def _browser_ready():
    reason = _missing()
    if reason and IN_CI:
        pytest.fail(f"uji peramban wajib di CI: {reason}", pytrace=False)
    if reason:
        pytest.skip(f"uji peramban dilewati: {reason}")


@pytest.fixture(scope="session")
def live(_browser_ready, tmp_path_factory):
    server = harness.LiveServer(str(tmp_path_factory.mktemp("e2e")))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_demo(request):
    """Each browser test starts on the freshly seeded demo province: what one test saves (an
    entry, an approval, a rating) cannot change what the next one finds."""
    if "live" in request.fixturenames:
        request.getfixturevalue("live").reset()


@pytest.fixture(scope="session")
def browser(_browser_ready):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = harness.launch(p)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser):
    """Factory for extra contexts (another viewport, JavaScript off); all closed at the end."""
    made = []

    def make(**kwargs):
        kwargs.setdefault("viewport", {"width": 360, "height": 740})
        kwargs.setdefault("locale", "id-ID")
        ctx = browser.new_context(**kwargs)
        ctx.set_default_timeout(20000)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def login(live):
    """`login(page, persona, role=None)`: through the login form, like a person."""
    return lambda page, persona, role=None: harness.login(page, live, persona, role)


# --- the measured bytes, collected over the session ------------------------------------------

MEASURED: dict[str, dict] = {}


@pytest.fixture(scope="session")
def bytes_report():
    """Tests put {"page": {...}} rows here; written to bench/out/bytes.json at the end."""
    yield MEASURED
    if MEASURED:
        BYTES_JSON.parent.mkdir(parents=True, exist_ok=True)
        BYTES_JSON.write_text(json.dumps(MEASURED, indent=2) + "\n")


def pytest_terminal_summary(terminalreporter):
    if not MEASURED:
        return
    terminalreporter.section("byte pada jaringan (Chromium, terkompresi)")
    terminalreporter.write_line(f"{'halaman':<34}{'kunjungan 1':>12}{'req':>5}{'ulang':>8}")
    for name, row in MEASURED.items():
        terminalreporter.write_line(
            f"{name:<34}{row['first_bytes']:>12}{row.get('first_requests', ''):>5}"
            f"{row.get('repeat_bytes', ''):>8}")
    terminalreporter.write_line(f"(ditulis ke {BYTES_JSON.relative_to(harness.ROOT)})")
