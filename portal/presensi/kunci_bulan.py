"""Closed months of presensi: once the admin closes a month (the rekap sent on to finance),
no check-in, import, correction or fix touches its days; reopening is audited like closing."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, tuple_

from portal import audit
from portal.extensions import db
from portal.models import BulanPresensiTutup


def tertutup(day: date) -> bool:
    return db.session.scalar(select(BulanPresensiTutup.id).where(
        BulanPresensiTutup.tahun == day.year, BulanPresensiTutup.bulan == day.month)) is not None


def bulan_tertutup(days) -> set[tuple[int, int]]:
    """Which of the months of `days` are closed (one statement for a whole file's months)."""
    months = {(d.year, d.month) for d in days}
    if not months:
        return set()
    rows = db.session.execute(select(BulanPresensiTutup.tahun, BulanPresensiTutup.bulan).where(
        tuple_(BulanPresensiTutup.tahun, BulanPresensiTutup.bulan).in_(list(months)))).all()
    return {(r[0], r[1]) for r in rows}


def daftar() -> list[BulanPresensiTutup]:
    return list(db.session.scalars(select(BulanPresensiTutup).order_by(
        BulanPresensiTutup.tahun.desc(), BulanPresensiTutup.bulan.desc())))


def tutup(tahun: int, bulan: int, oleh: int) -> bool:
    if tertutup(date(tahun, bulan, 1)):
        return False
    row = BulanPresensiTutup(tahun=tahun, bulan=bulan, ditutup_oleh_id=oleh)
    db.session.add(row)
    db.session.flush()
    audit.record("presensi_bulan_tutup", "presensi_bulan", row.id,
                 sesudah={"bulan": f"{tahun}-{bulan:02d}"})
    return True


def buka(tahun: int, bulan: int, alasan: str) -> bool:
    """Reopen a closed month: its own decision, with the reason kept in the audit trail."""
    row = db.session.scalar(select(BulanPresensiTutup).where(
        BulanPresensiTutup.tahun == tahun, BulanPresensiTutup.bulan == bulan))
    if row is None:
        return False
    audit.record("presensi_bulan_buka", "presensi_bulan", row.id,
                 sebelum={"bulan": f"{tahun}-{bulan:02d}"}, sesudah={"alasan": alasan})
    db.session.delete(row)
    return True
