"""The day-status rule of discipline (portal/rules/presensi.py): a table of cases with every
boundary, then the schedule choice and the location flag."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

from portal.rules.presensi import (
    Jadwal,
    JamHari,
    datang_pulang,
    jauh_dari,
    jendela,
    menit_antara,
    parse_batas,
    pilih_jadwal,
    status_hari,
    tanggal_kerja,
    tingkat,
)

SENIN = date(2026, 11, 2)
JUMAT = date(2026, 11, 6)
KANTOR = JamHari.pada(SENIN, time(7, 30), time(16, 0))
KANTOR_JUMAT = JamHari.pada(JUMAT, time(7, 30), time(16, 30))
TOLERAN = JamHari.pada(SENIN, time(7, 30), time(16, 0), toleransi=5)
MALAM = JamHari.pada(SENIN, time(21, 0), time(7, 0))  # a nurse's night shift
RAMADAN = JamHari.pada(date(2026, 2, 23), time(8, 0), time(15, 0))


def t(hhmm: str, day: date = SENIN, ss: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime.combine(day, time(h, m, ss))


NEXT = date(2026, 11, 3)

# (case, hours, datang, pulang, keyword args, status, tl, psw, late, early)
CASES = [
    ("on time", KANTOR, t("07:25"), t("16:02"), {}, "hadir", None, None, 0, 0),
    ("exactly on the minute", KANTOR, t("07:30"), t("16:00"), {}, "hadir", None, None, 0, 0),
    ("seconds are dropped", KANTOR, t("07:30", ss=59), t("16:00"), {}, "hadir", None, None, 0, 0),
    ("one minute late", KANTOR, t("07:31"), t("16:00"), {}, "hadir", "TL1", None, 1, 0),
    ("exactly 30 minutes late", KANTOR, t("08:00"), t("16:00"), {}, "hadir", "TL1", None, 30, 0),
    ("30 minutes 59 seconds", KANTOR, t("08:00", ss=59), t("16:00"), {}, "hadir", "TL1", None,
     30, 0),
    ("31 minutes late", KANTOR, t("08:01"), t("16:00"), {}, "hadir", "TL2", None, 31, 0),
    ("exactly 60", KANTOR, t("08:30"), t("16:00"), {}, "hadir", "TL2", None, 60, 0),
    ("61", KANTOR, t("08:31"), t("16:00"), {}, "hadir", "TL3", None, 61, 0),
    ("exactly 90", KANTOR, t("09:00"), t("16:00"), {}, "hadir", "TL3", None, 90, 0),
    ("91", KANTOR, t("09:01"), t("16:00"), {}, "hadir", "TL4", None, 91, 0),
    ("within tolerance", TOLERAN, t("07:35"), t("16:00"), {}, "hadir", None, None, 0, 0),
    ("past tolerance counts from the start", TOLERAN, t("07:36"), t("16:00"), {}, "hadir",
     "TL1", None, 6, 0),
    ("left exactly 30 early", KANTOR, t("07:30"), t("15:30"), {}, "hadir", None, "PSW1", 0, 30),
    ("left 31 early", KANTOR, t("07:30"), t("15:29"), {}, "hadir", None, "PSW2", 0, 31),
    ("Friday ends later", KANTOR_JUMAT, t("07:30", JUMAT), t("16:05", JUMAT), {}, "hadir", None,
     "PSW1", 0, 25),
    ("late and early", KANTOR, t("08:10"), t("15:00"), {}, "hadir", "TL2", "PSW2", 40, 60),
    ("no check-out", KANTOR, t("07:20"), None, {}, "hadir", None, "PSW4", 0, 0),
    ("no check-in", KANTOR, None, t("16:10"), {}, "hadir", "TL4", None, 0, 0),
    ("nothing recorded", KANTOR, None, None, {}, "TK", None, None, 0, 0),
    ("night shift on time across midnight", MALAM, t("20:55"), t("07:05", NEXT), {}, "hadir",
     None, None, 0, 0),
    ("night shift late", MALAM, t("21:45"), t("07:00", NEXT), {}, "hadir", "TL2", None, 45, 0),
    ("night shift left before dawn", MALAM, t("21:00"), t("05:00", NEXT), {}, "hadir", None,
     "PSW4", 0, 120),
    ("Ramadan day: 08:00 is on time", RAMADAN, t("08:00", RAMADAN.masuk.date()),
     t("15:00", RAMADAN.masuk.date()), {}, "hadir", None, None, 0, 0),
    ("Ramadan day: 15:00 leave is not early", RAMADAN, t("07:59", RAMADAN.masuk.date()),
     t("15:01", RAMADAN.masuk.date()), {}, "hadir", None, None, 0, 0),
    ("punch on a holiday", KANTOR, t("07:30"), t("16:00"), {"libur": True}, "libur", None, None,
     0, 0),
    ("weekend: no hours", None, t("09:00"), t("12:00"), {}, "libur", None, None, 0, 0),
    ("half-day izin: late arrival excused", KANTOR, t("11:30"), t("16:00"),
     {"izin": {"terlambat"}}, "hadir", None, None, 0, 0),
    ("half-day izin: early leave excused", KANTOR, t("07:30"), t("12:00"),
     {"izin": {"pulang_cepat"}}, "hadir", None, None, 0, 0),
    ("half-day izin excuses only its half", KANTOR, t("08:15"), t("12:00"),
     {"izin": {"pulang_cepat"}}, "hadir", "TL2", None, 45, 0),
    ("whole-day izin", KANTOR, None, None, {"izin": {"izin"}}, "izin", None, None, 0, 0),
    ("cuti beats punches", KANTOR, t("07:30"), t("16:00"), {"absen": "cuti"}, "cuti", None,
     None, 0, 0),
    ("sakit", KANTOR, None, None, {"absen": "sakit"}, "sakit", None, None, 0, 0),
    ("dinas luar", KANTOR, None, None, {"absen": "dinas_luar"}, "DL", None, None, 0, 0),
    ("dinas luar on a holiday is DL", KANTOR, None, None, {"absen": "dinas_luar", "libur": True},
     "DL", None, None, 0, 0),
    ("Perkada with other tiers", KANTOR, t("07:50"), t("16:00"), {"batas": (15, 45)}, "hadir",
     "TL2", None, 20, 0),
    ("beyond the last of other tiers", KANTOR, t("08:16"), None, {"batas": (15, 45)}, "hadir",
     "TL3", "PSW3", 46, 0),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_status_hari(case):
    _, jam, datang, pulang, kw, status, tl, psw, late, early = case
    got = status_hari(jam, datang, pulang, **kw)
    assert (got.status, got.tl, got.psw, got.menit_terlambat, got.menit_cepat) == \
        (status, tl, psw, late, early)


def test_codes_shown_in_a_cell():
    assert status_hari(KANTOR, t("08:10"), t("15:00")).kode == ["TL2", "PSW2"]
    assert status_hari(KANTOR, t("07:10"), t("16:00")).kode == ["hadir"]
    assert status_hari(KANTOR, None, None).kode == ["TK"]


@pytest.mark.parametrize(("menit", "expected"), [(1, 1), (30, 1), (31, 2), (60, 2), (61, 3),
                                                 (90, 3), (91, 4), (10_000, 4)])
def test_tingkat_defaults(menit, expected):
    assert tingkat(menit) == expected


def test_first_and_last_punch():
    assert datang_pulang([t("16:01"), t("07:20"), t("12:00")]) == (t("07:20"), t("16:01"))
    assert datang_pulang([t("07:20")]) == (t("07:20"), None)
    assert datang_pulang([t("07:20"), t("07:20")]) == (t("07:20"), None)
    assert datang_pulang([]) == (None, None)


def test_night_shift_punches_belong_to_the_day_it_started():
    assert MALAM.lintas_hari and not KANTOR.lintas_hari
    assert tanggal_kerja(t("07:02", NEXT), malam=True) == SENIN
    assert tanggal_kerja(t("20:58"), malam=True) == SENIN
    assert tanggal_kerja(t("07:02", NEXT), malam=False) == NEXT
    start, end = jendela(SENIN, MALAM)
    assert start == t("12:00") and end == t("12:00", NEXT)
    assert jendela(SENIN, KANTOR) == (t("00:00"), t("00:00", NEXT))


def test_schedule_choice_is_dated():
    lama = Jadwal("reguler", date(2020, 1, 1), hari={0: (time(8, 0), time(16, 0))})
    baru = Jadwal("reguler", date(2026, 7, 1), hari={0: (time(7, 30), time(16, 0))},
                  batas=(15, 30, 45))
    puasa = Jadwal("ramadan", date(2026, 2, 18), date(2026, 3, 19),
                   hari={0: (time(8, 0), time(15, 0))})
    shift = Jadwal("shift", date(2026, 1, 1), hari={0: (time(21, 0), time(7, 0))},
                   ikut_libur=False)
    # A past day keeps the hours of its time; a new version begins on its date.
    assert pilih_jadwal(date(2026, 6, 29), [lama, baru])[0] is lama
    assert pilih_jadwal(date(2026, 7, 6), [lama, baru]) == (baru, (15, 30, 45))
    # Ramadan replaces the hours within its dates only, tiers stay the regular version's.
    assert pilih_jadwal(date(2026, 2, 23), [lama, baru], [puasa]) == (puasa, (30, 60, 90))
    assert pilih_jadwal(date(2026, 3, 23), [lama, baru], [puasa])[0] is lama
    # A seat's shift comes first.
    assert pilih_jadwal(date(2026, 2, 23), [lama], [puasa], shift)[0] is shift
    # Without any version: the hours of domain.md.
    default, batas = pilih_jadwal(date(2026, 11, 6), [])
    assert default.jam(date(2026, 11, 6)).pulang.time() == time(16, 30)
    assert default.jam(date(2026, 11, 7)) is None and batas == (30, 60, 90)


def test_tier_bounds_from_text():
    assert parse_batas("15,45") == (15, 45)
    assert parse_batas("") == (30, 60, 90)
    assert parse_batas("60,30") == (30, 60, 90)
    assert parse_batas("a,b") == (30, 60, 90)


def test_far_from_places_on_record():
    kantor = (-6.9932, 110.4203, 300)  # Semarang
    rumah = (-7.0051, 110.4381, 200)
    assert jauh_dari(-6.9935, 110.4206, [kantor, rumah]) is False
    assert jauh_dari(-7.0052, 110.4380, [kantor, rumah]) is False
    assert jauh_dari(-6.2000, 106.8166, [kantor, rumah]) is True  # Jakarta
    assert jauh_dari(-6.2, 106.8, []) is None


@pytest.mark.parametrize("awal, akhir", [
    (t("07:30"), t("07:30")), (t("07:30", ss=59), t("07:31")), (t("07:30"), t("07:30", ss=59)),
    (t("07:30", ss=1), t("08:00", ss=59)), (t("08:00"), t("07:30")), (t("16:00"), t("12:00")),
    (t("21:00"), t("07:05", NEXT)), (t("23:59", ss=59), t("00:00", NEXT)),
    (datetime(2026, 11, 30, 21, 0), datetime(2026, 12, 1, 7, 0, 30)),
    (datetime(2026, 12, 31, 23, 0), datetime(2027, 1, 1, 1, 15)),
    (datetime(2028, 2, 28, 22, 0, 0, 500), datetime(2028, 2, 29, 6, 0, 0, 499)),
    (t("07:30"), t("07:29", ss=59)),
])
def test_whole_minutes_counted_by_the_clock_equal_the_dropped_seconds_difference(awal, akhir):
    """menit_antara counts wall-clock minutes without building new datetimes; the answer is
    the definition's: drop the seconds of both, then whole minutes between them."""
    a, b = awal.replace(second=0, microsecond=0), akhir.replace(second=0, microsecond=0)
    assert menit_antara(awal, akhir) == max(0, int((b - a).total_seconds() // 60))
