"""Short load and fault runs in every test pass: gunicorn with 2 workers, about 10 clients for
about 10 seconds making daily entries (with idempotency keys, double submits and retries),
submitting, returning and accepting realizations and changing passwords; on SQLite (WAL) and,
when TEST_DATABASE_URL is given, on PostgreSQL. `python bench/load.py --clients 50 --seconds 60
[--database URL]` is the same at full scale.

Each run starts its own server on its own database (a temporary SQLite file, or
`<TEST_DATABASE_URL's database>_beban`), so these tests run once, in the first pass
(`sqlite_only` keeps them out of the PostgreSQL pass of `make test`).
"""
from __future__ import annotations

import os

import pytest
from sqlalchemy.engine import make_url

from bench.load import passed, run
from tests.conftest import IN_CI

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "10"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "10"))
pytestmark = [pytest.mark.reliability, pytest.mark.sqlite_only]


def _postgres_database() -> str:
    """A fresh database next to the test database, for the server this test starts."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if IN_CI:
            pytest.fail("TEST_DATABASE_URL wajib di CI: uji beban PostgreSQL tidak boleh dilewati")
        pytest.skip("TEST_DATABASE_URL kosong: tidak ada PostgreSQL untuk uji beban")
    psycopg = pytest.importorskip("psycopg")
    target = make_url(url).set(drivername="postgresql+psycopg")
    name = f"{target.database}_beban"
    admin = target.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return target.set(database=name).render_as_string(hide_password=False)


def _check(result: dict) -> None:
    assert result["requests"] >= CLIENTS, result
    assert result["server_errors"] == 0, result
    assert result["acknowledged"].get("harian", 0) > 0, result
    assert result["double_sent"] > 0, result  # the same key sent twice made one row
    assert result["missing_keys"] == 0, result  # every acknowledged entry is there
    assert result["unacknowledged_rows"] == 0, result
    assert result["max_rows_per_key"] == 1, result
    assert result["gave_up"] == 0, result
    for kind, rows in result["rows"].items():
        assert rows == result["acknowledged"].get(kind, 0), (kind, result)
    assert result["integrity"] == "ok", result
    assert passed(result), result


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_load_with_real_work_has_no_server_errors_and_loses_no_write(database):
    url = _postgres_database() if database == "postgresql" else None
    result = run(clients=CLIENTS, seconds=SECONDS, database=url)
    _check(result)
    assert result["errors"] == {}, result
    assert result["database"] == database
    decided = sum(result["acknowledged"].get(k, 0)
                  for k in ("realisasi.kembalikan", "realisasi.terima"))
    assert result["acknowledged"].get("realisasi.ajukan", 0) > 0 and decided > 0, result


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_kill_9_of_a_worker_loses_no_acknowledged_write(database):
    """kill -9 of one gunicorn worker mid-run: gunicorn starts another, the database passes its
    integrity check, every acknowledged write is there, and a write whose answer was lost was
    retried with the same key and made exactly one row."""
    url = _postgres_database() if database == "postgresql" else None
    result = run(clients=min(CLIENTS, 8), seconds=max(SECONDS, 8), database=url,
                 kill_after=max(SECONDS, 8) / 3)
    assert len(result["killed_workers"]) == 1 and result["respawned"], result
    _check(result)
