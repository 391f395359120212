"""The portal's one clock: every "today" and "now" the portal uses comes from here.

Tests fix it (`freeze`) so that nothing depends on the day they run; `seed-demo --today` and the
test fixture use the same clock. Dates are those of the instansi's time zone (PORTAL_TIMEZONE,
default Asia/Jakarta), never the host's. Stored instants stay naive UTC (`utcnow`), as before.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

# A date (YYYY-MM-DD) at which a process fixes its clock when it starts: the test suite sets it
# so that the servers and commands it starts as subprocesses (gunicorn, `flask seed-demo`) see
# the same day as the tests. Refused in production.
ENVIRONMENT_VARIABLE = "PORTAL_TODAY"

_zone = ZoneInfo("Asia/Jakarta")
_frozen: datetime | None = None  # aware; set while a test or the demo seeder fixes the clock


def configure(zone_name: str) -> None:
    """Set the instansi's time zone (called by create_app from the configuration)."""
    global _zone
    _zone = ZoneInfo(zone_name)


def zone() -> ZoneInfo:
    return _zone


def freeze(at: datetime | date | None) -> None:
    """Fix the clock at `at` (a date means 09:00 local time that day); None lets it run again."""
    global _frozen
    if at is None:
        _frozen = None
    elif isinstance(at, datetime):
        _frozen = at if at.tzinfo else at.replace(tzinfo=_zone)
    else:
        _frozen = datetime.combine(at, time(9, 0), tzinfo=_zone)


@contextmanager
def frozen(at: datetime | date | None) -> Iterator[None]:
    """Fix the clock at `at` for a block (None: leave it as it is), then put it back."""
    global _frozen
    before = _frozen
    if at is not None:
        freeze(at)
    try:
        yield
    finally:
        _frozen = before


def freeze_from_environment(production: bool = False) -> date | None:
    """Fix the clock at PORTAL_TODAY when it is set (a test run's date); returns that date."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return None
    if production:
        raise RuntimeError(f"{ENVIRONMENT_VARIABLE} tidak boleh diisi di produksi.")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise RuntimeError(f"{ENVIRONMENT_VARIABLE} harus berupa tanggal YYYY-MM-DD, "
                           f"bukan {value!r}.") from None
    freeze(day)
    return day


def now() -> datetime:
    """The current instant in the instansi's time zone (aware)."""
    return (_frozen or datetime.now(UTC)).astimezone(_zone)


def utcnow() -> datetime:
    """The current instant as naive UTC, the way instants are stored."""
    return now().astimezone(UTC).replace(tzinfo=None)


def today() -> date:
    """Today's date in the instansi's time zone."""
    return now().date()
