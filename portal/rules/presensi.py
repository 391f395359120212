"""Disiplin kerja: the status of one day of one person, from working hours, punches, the calendar
and approved izin. No Flask, no database: every input is plain data.

Words: *presensi* is attendance; *jam datang* / *jam pulang* the first and last punch of the day;
*TL* (terlambat) arriving late and *PSW* (pulang sebelum waktunya) leaving early, each in four
tiers; *TK* (tanpa keterangan) absent without leave; *izin* leave of absence asked and approved;
*DL* dinas luar (official travel); *libur* no working hours that day (weekend of the schedule,
holiday, cuti bersama).

Decisions, written once here:
- Minutes count whole minutes: seconds are dropped (07:30:59 is 0 minutes late, 08:00:59 is 30).
- Arriving within the tolerance is on time; beyond it, lateness counts from the start of the hours
  (a tolerance of 5 minutes and 07:40 is 10 minutes late, TL1).
- No jam datang on a worked day is TL4, no jam pulang is PSW4 ("tidak ada rekaman").
- Order of precedence: cuti/sakit/DL (the calendar) > libur > izin for the whole day > TK > hadir
  (with its TL/PSW). A punch on a holiday leaves the day libur.
- A half-day izin ("datang terlambat" or "pulang cepat" approved) removes that side's TL or PSW.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

# Upper bounds (minutes, inclusive) of tiers 1..3; beyond the last bound is tier 4.
# Usual Perkada tiers (docs/domain.md): 1–30, 31–60, 61–90, over 90 minutes or no record.
BATAS_DEFAULT: tuple[int, ...] = (30, 60, 90)

STATUS = ("hadir", "TK", "izin", "sakit", "cuti", "DL", "libur")
# Ketidakhadiran.jenis of the calendar -> day status.
ABSEN_STATUS = {"cuti": "cuti", "sakit": "sakit", "dinas_luar": "DL"}
# Approved izin kinds: the whole day, or one half of it.
IZIN_PENUH, IZIN_TERLAMBAT, IZIN_PULANG_CEPAT = "izin", "terlambat", "pulang_cepat"


@dataclass(frozen=True)
class JamHari:
    """The working hours of one day: `masuk` and `pulang` as full datetimes (a night shift's
    pulang is on the next date), and the tolerance in minutes."""

    masuk: datetime
    pulang: datetime
    toleransi: int = 0

    @classmethod
    def pada(cls, day: date, masuk: time, pulang: time, toleransi: int = 0) -> JamHari:
        start = datetime.combine(day, masuk)
        end = datetime.combine(day, pulang)
        if end <= start:  # crosses midnight
            end += timedelta(days=1)
        return cls(start, end, toleransi)

    @property
    def lintas_hari(self) -> bool:
        return self.pulang.date() != self.masuk.date()


@dataclass(frozen=True)
class HasilHari:
    """A day's status. `tl`/`psw` are "TL1".."TL4"/"PSW1".."PSW4" or None; minutes are 0 when
    on time (or excused by a half-day izin)."""

    status: str
    tl: str | None = None
    psw: str | None = None
    menit_terlambat: int = 0
    menit_cepat: int = 0

    @property
    def kode(self) -> list[str]:
        """What a cell shows: ["TL2", "PSW1"], ["hadir"], ["TK"], ["libur"]..."""
        if self.status != "hadir":
            return [self.status]
        codes = [c for c in (self.tl, self.psw) if c]
        return codes or ["hadir"]


def tingkat(menit: int, batas: Sequence[int] = BATAS_DEFAULT) -> int:
    """Tier 1..len(batas)+1 of a positive number of minutes."""
    for n, bound in enumerate(batas, start=1):
        if menit <= bound:
            return n
    return len(batas) + 1


def menit_antara(awal: datetime, akhir: datetime) -> int:
    """Whole minutes from `awal` to `akhir` (seconds dropped; 0 when not after)."""
    if awal.tzinfo is None and akhir.tzinfo is None:  # wall clock: count minutes of the day
        return max(0, (akhir.toordinal() - awal.toordinal()) * 1440
                   + (akhir.hour - awal.hour) * 60 + akhir.minute - awal.minute)
    a, b = awal.replace(second=0, microsecond=0), akhir.replace(second=0, microsecond=0)
    return max(0, int((b - a).total_seconds() // 60))


def status_hari(jam: JamHari | None, datang: datetime | None, pulang: datetime | None, *,
                libur: bool = False, absen: str | None = None,
                izin: Iterable[str] = (), batas: Sequence[int] = BATAS_DEFAULT) -> HasilHari:
    """The status of one day.

    jam     the day's working hours, None when the schedule has no hours that day (weekend)
    datang, pulang  the day's first and last punch (None when missing)
    libur   a holiday or cuti bersama that this person's schedule observes
    absen   "cuti", "sakit" or "dinas_luar" from the calendar
    izin    approved izin kinds of the day: "izin" (whole day), "terlambat", "pulang_cepat"
    batas   tier bounds in minutes (the Perkada's)
    """
    izin = set(izin) if izin else ()
    if absen:
        return HasilHari(ABSEN_STATUS.get(absen, absen))
    if jam is None or libur:
        return HasilHari("libur")
    if IZIN_PENUH in izin:
        return HasilHari("izin")
    if datang is None and pulang is None:
        return HasilHari("TK")
    tl = psw = None
    telat = cepat = 0
    if IZIN_TERLAMBAT not in izin:
        if datang is None:
            tl = f"TL{len(batas) + 1}"
        else:
            telat = menit_antara(jam.masuk, datang)
            if telat <= jam.toleransi:
                telat = 0
            else:
                tl = f"TL{tingkat(telat, batas)}"
    if IZIN_PULANG_CEPAT not in izin:
        if pulang is None:
            psw = f"PSW{len(batas) + 1}"
        else:
            cepat = menit_antara(pulang, jam.pulang)
            if cepat:
                psw = f"PSW{tingkat(cepat, batas)}"
    return _hadir(tl, psw, telat, cepat)


@lru_cache(maxsize=4096)
def _hadir(tl: str | None, psw: str | None, telat: int, cepat: int) -> HasilHari:
    """A present day's result: immutable, so one object serves every day with the same tiers
    and minutes (a province's month repeats a few thousand of them a million times)."""
    return HasilHari("hadir", tl, psw, telat, cepat)


def jendela(day: date, jam: JamHari | None) -> tuple[datetime, datetime]:
    """The punches that belong to `day`: the calendar day, or for hours that cross midnight
    (a night shift) from noon of `day` to noon of the next day."""
    if jam is not None and jam.lintas_hari:
        noon = datetime.combine(day, time(12, 0))
        return noon, noon + timedelta(days=1)
    start = datetime.combine(day, time(0, 0))
    return start, start + timedelta(days=1)


def tanggal_kerja(waktu: datetime, malam: bool) -> date:
    """The working day a punch belongs to: its date, or for a person whose hours cross midnight
    the day the shift started (a punch before noon closes yesterday's shift)."""
    if malam and waktu.time() < time(12, 0):
        return waktu.date() - timedelta(days=1)
    return waktu.date()


def datang_pulang(punches: Iterable[datetime]) -> tuple[datetime | None, datetime | None]:
    """First punch is jam datang, last is jam pulang; one punch is only jam datang."""
    first = last = None
    for p in punches:
        if first is None or p < first:
            first = p
        if last is None or p > last:
            last = p
    if first is not None and last == first:
        last = None
    return first, last


def parse_batas(text: str | None) -> tuple[int, ...]:
    """"30,60,90" -> (30, 60, 90); the default for anything unusable."""
    try:
        values = tuple(int(v) for v in (text or "").split(",") if v.strip())
    except ValueError:
        return BATAS_DEFAULT
    if not values or any(v <= 0 for v in values) or list(values) != sorted(set(values)):
        return BATAS_DEFAULT
    return values


# --- Which hours hold on a day ------------------------------------------------------------------

SENIN_KAMIS = (time(7, 30), time(16, 0))
JUMAT = (time(7, 30), time(16, 30))
# docs/domain.md: Monday–Thursday 07:30–16:00, Friday 07:30–16:30 (37.5 h/week, Perpres 21/2023).
HARI_DEFAULT: dict[int, tuple[time, time]] = {0: SENIN_KAMIS, 1: SENIN_KAMIS, 2: SENIN_KAMIS,
                                              3: SENIN_KAMIS, 4: JUMAT}


@dataclass(frozen=True)
class Jadwal:
    """A schedule as plain data (see portal/models/presensi.py for the words)."""

    jenis: str
    mulai: date
    selesai: date | None = None
    hari: dict[int, tuple[time, time]] | None = None
    toleransi: int = 0
    batas: tuple[int, ...] = BATAS_DEFAULT
    ikut_libur: bool = True

    def berlaku(self, day: date) -> bool:
        return self.mulai <= day and (self.selesai is None or day <= self.selesai)

    def jam(self, day: date) -> JamHari | None:
        hours = (self.hari or {}).get(day.weekday())
        return JamHari.pada(day, *hours, self.toleransi) if hours else None


JADWAL_DEFAULT = Jadwal("reguler", date(1900, 1, 1), hari=HARI_DEFAULT)


def pilih_jadwal(day: date, reguler: Sequence[Jadwal], ramadan: Sequence[Jadwal] = (),
                 shift: Jadwal | None = None) -> tuple[Jadwal, tuple[int, ...]]:
    """The schedule that holds on `day` and the tier bounds in force: a seat's shift first,
    then a Ramadan schedule covering the day, then the latest regular version begun by then
    (the built-in default when there is none). Tiers always come from the regular version."""
    base = max((j for j in reguler if j.mulai <= day), key=lambda j: j.mulai,
               default=JADWAL_DEFAULT)
    if shift is not None:
        return shift, base.batas
    chosen = next((j for j in ramadan if j.berlaku(day)), base)
    return chosen, base.batas


def jarak_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine; enough for "near a place on record")."""
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * 6_371_000 * asin(sqrt(a))


def jauh_dari(lat: float, lon: float, tempat: Iterable[tuple[float, float, int]]) -> bool | None:
    """Whether a location is outside every place on record (lat, lon, radius m); None when there
    is no place to compare with."""
    places = list(tempat)
    if not places:
        return None
    return all(jarak_m(lat, lon, plat, plon) > radius for plat, plon, radius in places)
