"""Shared fixtures in the flaskr manner: `app`, `client`, `runner`, `demo` and `auth`.

The database is SQLite in a temporary file, or PostgreSQL when TEST_DB=postgres (the Makefile's
second pass, with TEST_DATABASE_URL). The schema is made once per session; every test starts on
empty tables.

No test depends on the day it runs: the portal's clock (and so the demo seeding's today) is frozen
at TODAY for the whole run, and the `today` fixture freezes it per test. Date-sensitive modules
run at each of DATES (`@ON_DATES`).
Servers and commands started as subprocesses get the same day through PORTAL_TODAY.
"""
from __future__ import annotations

import os
import re
from datetime import date

import pytest
from sqlalchemy import text

from portal import clock, create_app
from portal.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"
pytest_plugins = ["tests.helpers.jobs"]  # the `started` fixture: jobs held back, run by work()

# The suite's fixed days: a mid-year working day by default; the first working day of the year,
# mid-year and the last days of the year for the date-sensitive tests.
TODAY = date(2026, 7, 15)
DATES = [date(2026, 1, 2), TODAY, date(2026, 12, 30)]
# A date-sensitive test runs at each of DATES: `@ON_DATES` (its `today` argument is the day).
ON_DATES = pytest.mark.parametrize("today", DATES, indirect=True, ids=lambda d: d.isoformat())

# Personas of the access rules, by their seat in the demo province (see portal/demo.py).
PERSONAS = {
    "pegawai": "staf_surv1",          # pegawai A: Epidemiolog, Seksi Surveilans, Dinkes
    "pegawai_b": "staf_surv2",        # pegawai B: same seksi
    "atasan": "kasi_surv",            # A's direct supervisor
    "atasan_atasan": "kabid_p2p",     # the atasan's own atasan
    "atasan_lain": "kasubid_ekon",    # an atasan in another OPD (Bappeda)
    "sekda": "sekda",
    "admin": "admin",
}


def database_url(tmp_path_factory) -> str:
    if os.environ.get("TEST_DB") == "postgres":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.exit("TEST_DB=postgres tetapi TEST_DATABASE_URL kosong", returncode=2)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def compiled_translations(target):
    """Compile the committed .po catalogs (as `make setup` does) so tests see them."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = Path(__file__).resolve().parent.parent / "translations"
    for po in source.glob("*/LC_MESSAGES/messages.po"):
        out = target / po.relative_to(source).with_suffix(".mo")
        out.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f, out.open("wb") as g:
            write_mo(g, read_po(f))
    return str(target)


def _freeze(day: date) -> None:
    clock.freeze(day)
    os.environ[clock.ENVIRONMENT_VARIABLE] = day.isoformat()


@pytest.fixture(scope="session", autouse=True)
def _frozen_session():
    """The clock of the whole run (session fixtures, such as the browser tests' seeded server,
    see this day too)."""
    _freeze(TODAY)
    yield
    clock.freeze(None)
    os.environ.pop(clock.ENVIRONMENT_VARIABLE, None)


@pytest.fixture(autouse=True)
def today(request, _frozen_session) -> date:
    """The day this test runs at: TODAY, or the date it is parametrized with (indirect)."""
    day = getattr(request, "param", TODAY)
    _freeze(day)
    yield day
    _freeze(TODAY)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    os.environ["INSTANCE_PATH"] = str(instance)
    translations = compiled_translations(tmp_path_factory.mktemp("translations"))
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SERVER_NAME": None,
        "BABEL_TRANSLATION_DIRECTORIES": translations,
        "DASHBOARD_CACHE_SECONDS": 0,  # tests of the cache turn it on (tests/test_dasbor_cache.py)
    })
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def wipe_tables(app) -> None:
    """Empty every table (the schema stays): TRUNCATE on PostgreSQL, DELETE on SQLite."""
    with app.app_context():
        db.session.rollback()
        tables = list(reversed(db.metadata.sorted_tables))
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    yield
    if "app" in request.fixturenames:
        wipe_tables(request.getfixturevalue("app"))


def redis_or_skip(url: str):
    """A flushed connection to the Redis database at `url`; without a Redis server the test
    skips outside CI and fails in CI."""
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if IN_CI:
            pytest.fail("Redis tidak tersedia di CI (127.0.0.1:6379)")
        pytest.skip("Redis tidak berjalan di 127.0.0.1:6379")
    connection.flushdb()
    return connection


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield


_SNAPSHOTS: dict = {}  # SQLite only: the seeded database, copied in for each test


def _seeded(app, areas: bool):
    """Seed the demo province, or on SQLite copy in a snapshot of the first seeding (the seed
    itself is tested in test_cli; this keeps hundreds of tests fast)."""
    import sqlite3

    from portal.demo import seed_demo

    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        path = db.engine.url.database
        key = (areas, clock.today())
        if sqlite and key in _SNAPSHOTS:
            snapshot, ids, nips = _SNAPSHOTS[key]
            db.session.remove()
            db.engine.dispose()
            target = sqlite3.connect(path)
            snapshot.backup(target)
            target.close()
            return DemoIds(ids, nips)
        people = seed_demo("rahasia123", areas=areas)
        ids = {key: p.id for key, p in people.items()}
        nips = {key: p.nip for key, p in people.items()}
        db.session.remove()
        if sqlite:
            db.engine.dispose()
            snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            source = sqlite3.connect(path)
            source.backup(snapshot)
            source.close()
            _SNAPSHOTS[key] = (snapshot, ids, nips)
    return DemoIds(ids, nips)


@pytest.fixture
def demo(app):
    """The demo province with every capability's data; {key: pegawai id}, `.nip[key]`."""
    return _seeded(app, areas=True)


@pytest.fixture
def demo_org(app):
    """Only the organization of the demo province (no plans, entries or ratings)."""
    return _seeded(app, areas=False)


class DemoIds(dict):
    def __init__(self, ids, nips):
        super().__init__(ids)
        self.nip = nips

    def persona(self, name: str) -> int:
        return self[PERSONAS[name]]


class AuthActions:
    def __init__(self, client, demo):
        self._client = client
        self._demo = demo

    def login(self, nip: str, password: str = "rahasia123"):
        return self._client.post("/masuk", data={"nip": nip, "password": password})

    def login_as(self, persona: str):
        key = PERSONAS.get(persona, persona)
        response = self.login(self._demo.nip[key])
        assert response.status_code == 302, f"login {persona} gagal"
        return response

    def logout(self):
        return self._client.post("/keluar")


@pytest.fixture
def auth(client, demo):
    return AuthActions(client, demo)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "halaman tidak memuat token CSRF"
    return match.group(1)


class QueryCounter:
    """Counts the SQL statements a block runs (transaction control excluded)."""

    def __init__(self, engine):
        self.engine = engine
        self.statements: list[str] = []

    def _listen(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT",
                                                       "RELEASE")):
            self.statements.append(statement)

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._listen)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._listen)

    @property
    def count(self) -> int:
        return len(self.statements)


# The field a consequential form carries after "Ya" in the confirmation dialog
# (portal/konfirmasi.py): tests that act through such a form send it, as the browser does.
YA = {"konfirmasi": "ya"}


@pytest.fixture
def admin(client, auth):
    """The test client, logged in as the BKPSDM operator."""
    auth.login_as("admin")
    return client


@pytest.fixture
def renders(monkeypatch):
    """How many PDFs were rendered (by WeasyPrint) during the test: a sealed document's second
    download must render nothing."""
    from portal import pdf

    count = {"n": 0}
    real = pdf.render_pdf

    def counting(*args, **kwargs):
        count["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return count
