"""Demo data for the admin pages: an upcoming Plh, so the Plt/Plh list is not empty.

It starts a month from now, so nobody's supervisor changes today. Idempotent (keyed by SK)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import Jabatan, PltJabatan

SK_PLH = "800/217/BKPSDM/2026"


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(PltJabatan.id).where(PltJabatan.nomor_sk == SK_PLH)):
        return
    seat = db.session.scalar(select(Jabatan).where(
        Jabatan.nama == "Kepala Seksi Pencegahan Penyakit Menular"))
    mulai = today + timedelta(days=30)
    db.session.add(PltJabatan(jabatan_id=seat.id, pegawai_id=people["staf_pm1"].id, jenis="Plh",
                              nomor_sk=SK_PLH, mulai=mulai, selesai=mulai + timedelta(days=13),
                              catatan="Kepala seksi menjalani cuti besar"))
