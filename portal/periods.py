"""Creating a year's period with its sub-periods."""
from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import update

from portal.extensions import db
from portal.models import Periode, SubPeriode

# (code prefix, number of sub-periods, months each)
LAYOUT = {"triwulan": ("TW", 4, 3), "bulanan": ("B", 12, 1), "semester": ("S", 2, 6)}


def sub_ranges(tahun: int, jenis: str) -> list[tuple[str, int, date, date]]:
    prefix, count, months = LAYOUT[jenis]
    out = []
    for n in range(1, count + 1):
        first_month = (n - 1) * months + 1
        last_month = first_month + months - 1
        end = date(tahun, last_month, calendar.monthrange(tahun, last_month)[1])
        kode = f"{prefix}{n:02d}" if prefix == "B" else f"{prefix}{n}"
        out.append((kode, n, date(tahun, first_month, 1), end))
    return out


def create_periode(tahun: int, jenis: str = "triwulan", aktif: bool = False) -> Periode:
    periode = Periode(tahun=tahun, jenis_sub=jenis, aktif=False)
    for kode, nomor, mulai, selesai in sub_ranges(tahun, jenis):
        periode.sub_periode.append(SubPeriode(kode=kode, nomor=nomor, mulai=mulai,
                                              selesai=selesai))
    db.session.add(periode)
    db.session.flush()
    if aktif:
        set_active(periode)
    return periode


def set_active(periode: Periode) -> None:
    db.session.execute(update(Periode).where(Periode.id != periode.id).values(aktif=False))
    periode.aktif = True
