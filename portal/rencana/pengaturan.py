"""The instansi's settings of the daily log (verification on/off and its deadlines) and the
working-day calendar the deadlines count on."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import HariLibur, Instansi, PengaturanHarian

BAWAAN = {"verifikasi_aktif": False, "batas_telat_entri": 3, "batas_verifikasi": 5,
          "jam_pengingat": 15}


def pengaturan() -> PengaturanHarian:
    """The settings of the (first) instansi; an unsaved row with the defaults when none is
    stored, so verification stays off until an admin turns it on."""
    row = db.session.scalar(select(PengaturanHarian).join(
        Instansi, Instansi.id == PengaturanHarian.instansi_id).order_by(Instansi.id).limit(1))
    return row or PengaturanHarian(**BAWAAN)


def simpan(instansi_id: int, **values) -> PengaturanHarian:
    row = db.session.get(PengaturanHarian, instansi_id)
    if row is None:
        row = PengaturanHarian(instansi_id=instansi_id, **{**BAWAAN, **values})
        db.session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    return row


def hari_kerja_instansi(libur: set[date] | None = None):
    """`hari_kerja(day)` of the instansi's calendar (weekends and holidays off), for deadlines,
    which do not move with one person's leave."""
    if libur is None:
        libur = set(db.session.scalars(select(HariLibur.tanggal)))
    return lambda day: day.weekday() < 5 and day not in libur
