"""The portal's one clock: frozen for every test, reachable by subprocesses, and the only source
of "today" and "now" in the code."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import Periode
from tests.conftest import DATES, ON_DATES, TODAY

ROOT = Path(__file__).resolve().parent.parent
# Reading the host's clock anywhere but portal/clock.py would make the day depend on the host.
HOST_CLOCK = re.compile(r"date\.today\(|datetime\.(?:now|utcnow|today)\(|\btime\.localtime\("
                        r"|func\.(?:current_date|current_timestamp|now)\(")


def test_every_test_runs_at_the_fixed_day():
    assert clock.today() == TODAY
    assert clock.now().hour == 9 and clock.now().tzinfo == clock.zone()


@ON_DATES
def test_a_date_sensitive_test_runs_at_its_date(today):
    assert today in DATES and clock.today() == today
    assert clock.utcnow().date() == today  # 09:00 in Jakarta is 02:00 UTC the same day


def test_frozen_block_puts_the_clock_back():
    with clock.frozen(date(2027, 3, 1)):
        assert clock.today() == date(2027, 3, 1)
    assert clock.today() == TODAY
    with clock.frozen(None):
        assert clock.today() == TODAY


def test_portal_today_fixes_a_process_clock(monkeypatch):
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, "2026-12-30")
    with clock.frozen(None):
        assert clock.freeze_from_environment() == date(2026, 12, 30)
        assert clock.today() == date(2026, 12, 30)
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, "30-12-2026")
    with pytest.raises(RuntimeError, match="YYYY-MM-DD"):
        clock.freeze_from_environment()
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, "2026-12-30")
    with pytest.raises(RuntimeError, match="produksi"):
        clock.freeze_from_environment(production=True)


def test_subprocesses_are_told_the_day():
    import os

    assert os.environ[clock.ENVIRONMENT_VARIABLE] == TODAY.isoformat()


def test_seed_demo_builds_the_province_as_of_the_given_day(app, runner):
    result = runner.invoke(args=["seed-demo", "--today", "2027-03-01"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(Periode.tahun).where(Periode.aktif)) == 2027
    assert clock.today() == TODAY  # the seeding's day did not leak into the test's


def test_seed_demo_refuses_a_malformed_day(runner):
    result = runner.invoke(args=["seed-demo", "--today", "1 Maret"])
    assert result.exit_code == 2 and "--today" in result.output


@pytest.mark.parametrize("folder", ["portal", "tests"])
def test_nothing_reads_the_host_clock_but_the_clock(folder):
    allowed = {ROOT / "portal" / "clock.py", Path(__file__).resolve()}
    offenders = [f"{path.relative_to(ROOT)}:{n}"
                 for path in sorted((ROOT / folder).rglob("*.py")) if path not in allowed
                 for n, line in enumerate(path.read_text().splitlines(), 1)
                 if HOST_CLOCK.search(line)]
    assert offenders == []
