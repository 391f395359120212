"""Which rating periods wait for the Sekda's closing (portal/rules/periode_tutup.py)."""
from dataclasses import dataclass
from datetime import date

import pytest

from portal.rules.periode_tutup import belum_ditutup, berakhir_segera


@dataclass
class Sub:
    kode: str
    mulai: date
    selesai: date
    ditutup: bool = False


YEAR = [Sub("TW1", date(2026, 1, 1), date(2026, 3, 31), True),
        Sub("TW2", date(2026, 4, 1), date(2026, 6, 30)),
        Sub("TW3", date(2026, 7, 1), date(2026, 9, 30)),
        Sub("TW4", date(2026, 10, 1), date(2026, 12, 31))]


@pytest.mark.parametrize("today, kode", [
    (date(2026, 12, 24), "TW4"), (date(2026, 12, 31), "TW4"), (date(2026, 12, 23), None),
    (date(2026, 11, 30), None), (date(2027, 1, 1), None), (date(2026, 3, 28), None)])
def test_a_period_under_way_ending_within_a_week(today, kode):
    found = berakhir_segera(YEAR, today)
    assert (found.kode if found else None) == kode


def test_ended_periods_still_open_oldest_first():
    assert [s.kode for s in belum_ditutup(reversed(YEAR), date(2026, 11, 30))] == ["TW2", "TW3"]
    assert belum_ditutup(YEAR, date(2026, 4, 1)) == []  # TW1 was closed
    assert [s.kode for s in belum_ditutup(YEAR, date(2027, 1, 1))] == ["TW2", "TW3", "TW4"]
