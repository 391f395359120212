"""When a rating period waits for the Sekda, who closes and reopens periods: the one under way
that ends within a week (its ratings are due, then its closing), and those that have ended and
are not closed yet (their ratings, realizations and entries can still change).

A sub-period here is anything with `mulai`, `selesai` (dates) and `ditutup` (bool)."""
from __future__ import annotations

from datetime import date, timedelta

SEGERA = timedelta(days=7)


def berakhir_segera(subs, today: date, dalam: timedelta = SEGERA):
    """The sub-period under way whose last day is within `dalam` of today, else None."""
    return next((s for s in subs if s.mulai <= today <= s.selesai <= today + dalam
                 and not s.ditutup), None)


def belum_ditutup(subs, today: date) -> list:
    """The sub-periods that have ended and are still open, oldest first."""
    return sorted((s for s in subs if s.selesai < today and not s.ditutup),
                  key=lambda s: s.mulai)
