"""Working days and the flexible-work cap, cell by cell."""
from datetime import date

import pytest

from portal.rules.fleksibel import hari_fleksibel, melebihi_batas, tolak_mode
from portal.rules.hari_kerja import (
    alasan_bukan_hari_kerja,
    hari_minggu,
    is_hari_kerja,
    label_minggu,
    parse_minggu,
)

MON = date(2026, 11, 23)  # a Monday
LIBUR = [date(2026, 11, 25)]
ABSEN = [(date(2026, 11, 26), date(2026, 11, 26))]


@pytest.mark.parametrize("day, reason", [
    (MON, None),
    (date(2026, 11, 24), None),
    (date(2026, 11, 25), "libur"),
    (date(2026, 11, 26), "absen"),
    (date(2026, 11, 27), None),
    (date(2026, 11, 28), "akhir_pekan"),
    (date(2026, 11, 29), "akhir_pekan"),
])
def test_hari_kerja(day, reason):
    assert alasan_bukan_hari_kerja(day, LIBUR, ABSEN) == reason
    assert is_hari_kerja(day, LIBUR, ABSEN) is (reason is None)


def test_week_helpers():
    assert hari_minggu(date(2026, 11, 27))[0] == MON
    assert len(hari_minggu(MON)) == 5
    assert label_minggu(MON) == "2026-W48"
    assert parse_minggu("2026-W48") == MON
    for bad in ("", None, "2026-48", "x-Wy", "2026-W99"):
        assert parse_minggu(bad) is None


def kerja(day):
    return is_hari_kerja(day, LIBUR, ABSEN)


@pytest.mark.parametrize("mode, fleks, batas, week, day, expected", [
    ("WFO", False, 2, {}, MON, None),                       # the office is always allowed
    ("WFH", False, 2, {}, MON, "tidak_fleksibel"),          # seat not flexible
    ("WFA", False, 2, {}, MON, "tidak_fleksibel"),
    ("WFH", True, 2, {}, MON, None),                        # first flexible day
    ("WFA", True, 2, {MON: "WFH"}, date(2026, 11, 24), None),   # second
    ("WFH", True, 2, {MON: "WFH", date(2026, 11, 24): "WFA"}, date(2026, 11, 27),
     "melebihi_batas"),                                     # third is refused
    ("WFH", True, 2, {MON: "WFH", date(2026, 11, 24): "WFA"}, MON, None),  # changing a day
    ("WFH", True, 1, {MON: "WFH"}, date(2026, 11, 24), "melebihi_batas"),  # cap configurable
    ("WFH", True, 3, {MON: "WFH", date(2026, 11, 24): "WFA"}, date(2026, 11, 27), None),
    # days off do not count toward the cap
    ("WFH", True, 2, {date(2026, 11, 25): "WFH", date(2026, 11, 26): "WFH", MON: "WFH"},
     date(2026, 11, 27), None),
    # a previous week does not count
    ("WFH", True, 2, {date(2026, 11, 16): "WFH", date(2026, 11, 17): "WFH"}, MON, None),
    ("WFO", True, 2, {MON: "WFH", date(2026, 11, 24): "WFA"}, date(2026, 11, 27), None),
])
def test_tolak_mode(mode, fleks, batas, week, day, expected):
    assert tolak_mode(mode, day, fleksibel=fleks, batas=batas, modes_minggu=week,
                      hari_kerja=kerja) == expected


def test_count_and_cap():
    week = {MON: "WFH", date(2026, 11, 24): "WFA", date(2026, 11, 25): "WFH",
            date(2026, 11, 27): "WFH"}
    assert hari_fleksibel(week, kerja) == 3
    assert melebihi_batas(week, kerja, 2)
    assert not melebihi_batas(week, kerja, 3)
