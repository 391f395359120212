"""Rules of rencana aksi and daily verification: which month an entry may name, how late an
entry may be made, until when a week may be verified, when a month's plan is locked, and the
idempotency key of an imported row. Plain functions: the caller passes what it knows about the
calendar as `hari_kerja(day) -> bool`."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date, timedelta

HariKerja = Callable[[date], bool]


def bulan_dari(day: date) -> tuple[int, int]:
    return day.year, day.month


def bulan_sebelumnya(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)


def awal_akhir_bulan(tahun: int, bulan: int) -> tuple[date, date]:
    first = date(tahun, bulan, 1)
    nxt = date(tahun + 1, 1, 1) if bulan == 12 else date(tahun, bulan + 1, 1)
    return first, nxt - timedelta(days=1)


def rencana_cocok(tahun: int, bulan: int, tanggal: date) -> bool:
    """An entry names a rencana aksi of the month its day falls in, never another month's."""
    return (tahun, bulan) == bulan_dari(tanggal)


def hari_kerja_antara(mulai: date, sampai: date, hari_kerja: HariKerja) -> int:
    """Working days strictly after `mulai` up to and including `sampai` (0 if not later)."""
    n, day = 0, mulai + timedelta(days=1)
    while day <= sampai:
        n += hari_kerja(day)
        day += timedelta(days=1)
    return n


def tambah_hari_kerja(mulai: date, n: int, hari_kerja: HariKerja) -> date:
    """The `n`-th working day after `mulai` (`mulai` itself when n is 0)."""
    day = mulai
    while n > 0:
        day += timedelta(days=1)
        if hari_kerja(day):
            n -= 1
    return day


def entri_masih_boleh(tanggal: date, hari_ini: date, batas_telat: int,
                      hari_kerja: HariKerja) -> bool:
    """An entry for `tanggal` may be made (or changed) today when at most `batas_telat` working
    days have passed since that day."""
    return tanggal <= hari_ini and \
        hari_kerja_antara(tanggal, hari_ini, hari_kerja) <= batas_telat


def batas_verifikasi(tanggal: date, batas: int, hari_kerja: HariKerja) -> date:
    """The last day the entries of `tanggal`'s week may be verified: `batas` working days after
    that week's Friday."""
    jumat = tanggal + timedelta(days=4 - tanggal.weekday())  # a weekend day: that week's
    return tambah_hari_kerja(jumat, batas, hari_kerja)


def verifikasi_terlambat(tanggal: date, hari_ini: date, batas: int,
                         hari_kerja: HariKerja) -> bool:
    return hari_ini > batas_verifikasi(tanggal, batas, hari_kerja)


def bulan_terkunci(tahun: int, bulan: int, hari_ini: date, *, sub_ditutup: bool,
                   batas_telat: int | None, hari_kerja: HariKerja) -> bool:
    """A month's rencana aksi are locked when the sub-period holding the month is closed, or
    (with an entry deadline) once no entry of the month may be made any more."""
    if sub_ditutup:
        return True
    if batas_telat is None:
        return False
    _awal, akhir = awal_akhir_bulan(tahun, bulan)
    return hari_kerja_antara(akhir, hari_ini, hari_kerja) > batas_telat


def kunci_baris(pegawai_id: int, cells: Iterable[str]) -> str:
    """The idempotency key of one imported row (the same row twice makes one entry):
    "impor-" and a hash of the owner and the row's normalized content."""
    text = "\x1f".join([str(pegawai_id), *(" ".join((c or "").split()).lower() for c in cells)])
    return "impor-" + hashlib.sha256(text.encode()).hexdigest()[:58]


def parse_tanggal_sel(text: str) -> date | None:
    """A date cell as people type it: 2026-11-02, 02/11/2026, 2-11-2026, or a spreadsheet
    date ("2026-11-02 00:00:00"); None when it is none of these."""
    text = (text or "").strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for sep in ("/", "-", "."):
        parts = text.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            try:
                return date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                return None
    return None
