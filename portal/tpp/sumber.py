"""The two inputs other areas provide, read only through their stated contracts:

- presensi: `portal.presensi.rekap.rekap_bulan(ids, tahun, bulan, sampai=…)` — each day's
  status, TL/PSW tier and minutes for a set of people and a month;
- daily entries and their verification: `portal.rencana.rekap.rekap_bulan(ids, tahun, bulan)`
  — per person per working day whether there are entries and whether they are verified, and
  per supervisor the entries left unverified past their deadline.

Each adapter answers None when its source is not part of this installation, so that a run
reports the input as missing instead of inventing a number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from importlib import import_module

from portal.rules.tpp import HADIR, TK, Hari

TENGAH_MALAM = time(0)

# Presensi status -> the TPP day status (the days off are left out).
STATUS_PRESENSI = {"hadir": HADIR, "TK": TK, "izin": "izin", "sakit": "sakit", "cuti": "cuti",
                   "DL": "dl"}


def _modul(nama: str):
    try:
        return import_module(nama)
    except ImportError:
        return None


@dataclass
class Entri:
    """The daily-entry side of a month: {pegawai: {day: (has entries, verified)}} and
    {atasan: number of entries left unverified}."""

    hari: dict[int, dict[date, tuple[bool, bool]]] = field(default_factory=dict)
    tertunda: dict[int, int] = field(default_factory=dict)


def presensi_bulan(ids: list[int], bulan: date, sampai: date) -> dict[int, list] | None:
    """{pegawai id: [the contract's day (`HariRekap`) of each working day]}, or None. `gabung`
    turns them into the rule's days together with the entry flags: one object a day."""
    modul = _modul("portal.presensi.rekap")
    if modul is None:
        return None
    return {pid: [d for d in days if d.status in STATUS_PRESENSI]
            for pid, days in modul.rekap_bulan(ids, bulan.year, bulan.month,
                                               sampai=sampai).items()}


def _hari(d, entri: bool = True, terverifikasi: bool = True) -> Hari:
    datang = d.datang.time() if d.datang else None
    pulang = d.pulang.time() if d.pulang else None
    telat = (None if datang is None else d.menit_terlambat) if d.tl else 0
    cepat = (None if pulang is None else d.menit_cepat) if d.psw else 0
    return Hari.baru(d.tanggal, STATUS_PRESENSI[d.status], datang or TENGAH_MALAM,
                     pulang or TENGAH_MALAM, telat, cepat, entri, terverifikasi)


def presensi_ditutup(bulan: date) -> bool | None:
    """Whether the admin closed the month's presensi (nothing changes it any more), or None
    when this installation has no presensi."""
    modul = _modul("portal.presensi.kunci_bulan")
    return None if modul is None else bool(modul.tertutup(bulan))


def entri_bulan(ids: list[int], bulan: date, pada: date) -> Entri | None:
    """Entries and verification from the rencana aksi contract, or None."""
    modul = _modul("portal.rencana.rekap")
    if modul is None:
        return None
    rekap = modul.rekap_bulan(ids, bulan.year, bulan.month, pada=pada)
    out = Entri()
    aktif = rekap.verifikasi_aktif
    for pid, days in rekap.hari.items():
        # the contract's `ada_entri` / `terverifikasi`, without a property call a person-day
        out.hari[pid] = {d.tanggal: (d.entri > 0, d.diterima > 0 or not aktif) for d in days}
    out.tertunda = {atasan: sum(1 for e in rows if e.diputus_pada is None)
                    for atasan, rows in rekap.tertunda.items()}
    return out


def gabung(presensi: list | None, entri: dict[date, tuple[bool, bool]] | None,
           hari_kerja: list[date], memo: dict | None = None) -> list[Hari]:
    """One list of the rule's days: presensi's working days (`presensi_bulan`) with the entry
    flags of the same day. Without presensi the calendar's working days stand (no discipline
    line can come from them). `memo` (one dict for a chunk of people) builds a day without
    punches once per contract object and pair of flags: the contract hands the same day
    without any record to everyone who has none."""
    memo = {} if memo is None else memo
    if presensi is None:
        return _tanpa_presensi(entri, hari_kerja, memo)
    out = []
    for d in presensi:
        ada, verif = (True, True) if entri is None else entri.get(d.tanggal, (False, False))
        if d.datang is None and d.pulang is None:
            key = (id(d), ada, verif)
            known = memo.get(key)
            if known is None:
                # d is kept in the memo, so its id cannot pass to another object meanwhile
                known = memo[key] = (d, _hari(d, ada, verif))
            out.append(known[1])
        else:
            out.append(_hari(d, ada, verif))
    return out


def _tanpa_presensi(entri, hari_kerja: list[date], memo: dict) -> list[Hari]:
    days = memo.get("kalender")
    if days is None:
        days = memo["kalender"] = [Hari(d) for d in hari_kerja]
    if entri is None:
        return list(days)
    out = []
    for d in days:
        ada, verif = entri.get(d.tanggal, (False, False))
        if ada and verif:
            out.append(d)
            continue
        key = (d.tanggal, ada, verif)
        known = memo.get(key)
        if known is None:
            known = memo[key] = Hari(d.tanggal, d.status, d.datang, d.pulang, d.telat,
                                     d.cepat, ada, verif)
        out.append(known)
    return out
