"""Period codes in URLs ("2026-TW3", "2026" for the year) and closing/reopening periods.

`is_closed(sub_periode)` is the one question other areas ask before changing realization or
entries of a sub-period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import select

from portal import audit, clock
from portal.extensions import db
from portal.models import Periode, PeriodeLog, SubPeriode
from portal.models.penilaian import TAHUNAN

KODE_RE = re.compile(r"^(\d{4})(?:-([A-Z]{1,2}\d{1,2}))?$")
NAMA_SUB = {"TW": "Triwulan", "B": "Bulan", "S": "Semester"}
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass
class Kode:
    """One rating period: a sub-period, or the year when `sub` is None."""

    periode: Periode
    sub: SubPeriode | None

    @property
    def kode(self) -> str:
        return self.sub.kode if self.sub else TAHUNAN

    @property
    def teks(self) -> str:
        return self.sub.kode_lengkap if self.sub else str(self.periode.tahun)

    @property
    def label(self) -> str:
        if self.sub is None:
            return f"Tahunan {self.periode.tahun}"
        prefix = self.sub.kode.rstrip("0123456789")
        return f"{NAMA_SUB.get(prefix, prefix)} {ROMAWI[self.sub.nomor - 1]} {self.periode.tahun}"

    @property
    def mulai(self) -> date:
        return self.sub.mulai if self.sub else self.periode.mulai

    @property
    def selesai(self) -> date:
        return self.sub.selesai if self.sub else self.periode.selesai


def parse_kode(text: str) -> Kode:
    """A period code of the URL, or 404 for anything that is not a known period."""
    match = KODE_RE.match(text or "")
    if not match:
        abort(404)
    periode = db.session.scalar(select(Periode).where(Periode.tahun == int(match[1])))
    if periode is None:
        abort(404)
    if match[2] is None:
        return Kode(periode, None)
    sub = next((s for s in periode.sub_periode if s.kode == match[2]), None)
    if sub is None:
        abort(404)
    return Kode(periode, sub)


def default_kode(today: date | None = None) -> Kode | None:
    """The last sub-period that has started (the one people rate now), in the active year."""
    today = today or clock.today()
    periode = db.session.scalar(select(Periode).where(Periode.aktif)) or db.session.scalar(
        select(Periode).order_by(Periode.tahun.desc()))
    if periode is None:
        return None
    started = [s for s in periode.sub_periode if s.mulai <= today]
    ended = [s for s in started if s.selesai < today]
    chosen = (ended or started or periode.sub_periode or [None])[-1]
    return Kode(periode, chosen)


def is_closed(sub_periode: SubPeriode | None, periode: Periode | None = None) -> bool:
    """True when nothing of this sub-period (or of the year, `sub_periode` None) may change:
    the sub-period was closed, or its whole year was (`SubPeriode.is_closed`)."""
    if sub_periode is not None:
        return sub_periode.is_closed
    return periode is not None and periode.is_closed


def lock(kode: Kode) -> None:
    """Serialize closing and reopening of one period: hold its row until commit (PostgreSQL
    `FOR UPDATE`; SQLite already runs a writing request as BEGIN IMMEDIATE) and re-read its
    state, so a second Sekda sees what the first did and gets 409 instead of a double action."""
    db.session.refresh(kode.periode, with_for_update=True)
    if kode.sub is not None:
        db.session.refresh(kode.sub)


def kode_closed(kode: Kode) -> bool:
    return is_closed(kode.sub, kode.periode)


def not_started(kode: Kode, today: date | None = None) -> bool:
    """A sub-period is rated from its first day; the year from the first day of its last
    sub-period."""
    today = today or clock.today()
    if kode.sub is not None:
        return today < kode.sub.mulai
    last = kode.periode.sub_periode[-1] if kode.periode.sub_periode else None
    return today < (last.mulai if last else kode.periode.mulai)


def tutup(kode: Kode, oleh_id: int) -> None:
    if kode.sub is not None:
        kode.sub.ditutup = True
    else:
        kode.periode.ditutup = True
    db.session.add(PeriodeLog(periode_id=kode.periode.id,
                              sub_periode_id=kode.sub.id if kode.sub else None,
                              aksi="tutup", oleh_id=oleh_id))
    audit.record("periode.tutup", "periode", kode.periode.id, sesudah={"kode": kode.teks})
    from portal.siasn import outbox  # its ratings are final now: they are owed to SIASN

    outbox.antrekan_periode(kode.periode.id, kode.kode)


def buka(kode: Kode, alasan: str, oleh_id: int) -> None:
    if kode.sub is not None:
        kode.sub.ditutup = False
    else:
        kode.periode.ditutup = False
    db.session.add(PeriodeLog(periode_id=kode.periode.id,
                              sub_periode_id=kode.sub.id if kode.sub else None,
                              aksi="buka", alasan=alasan, oleh_id=oleh_id))
    # Imported here: the documents package's routes import this module.
    from portal.dokumen import register

    register.supersede_period(kode.teks, f"Periode {kode.label} dibuka kembali.")
    audit.record("periode.buka", "periode", kode.periode.id,
                 sesudah={"kode": kode.teks, "alasan": alasan})


def riwayat(kode: Kode) -> list[PeriodeLog]:
    q = select(PeriodeLog).where(PeriodeLog.periode_id == kode.periode.id)
    q = q.where(PeriodeLog.sub_periode_id == kode.sub.id) if kode.sub else q.where(
        PeriodeLog.sub_periode_id.is_(None))
    return list(db.session.scalars(q.order_by(PeriodeLog.id.desc())))
