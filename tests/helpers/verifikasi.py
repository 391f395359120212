"""Daily verification in tests: entries waiting for the atasan, the week of an entry."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import Ketidakhadiran, ProgresHarian
from portal.rules.hari_kerja import label_minggu
from tests.helpers.harian import workdays


def waiting_entries(app, pegawai_id: int, make: int = 2) -> list[int]:
    """The person's waiting entries; `make` more are written on the latest working day first
    (the demo's own depend on the weekday the tests run)."""
    with app.app_context():
        absent = [(k.mulai, k.selesai) for k in db.session.scalars(
            select(Ketidakhadiran).where(Ketidakhadiran.pegawai_id == pegawai_id))]
        day = next(d for d in workdays(app) if not any(m <= d <= s for m, s in absent))
        rhk = db.session.scalar(select(ProgresHarian.rhk_id).where(
            ProgresHarian.pegawai_id == pegawai_id).limit(1))
        for i in range(make):
            db.session.add(ProgresHarian(pegawai_id=pegawai_id, rhk_id=rhk, tanggal=day,
                                         uraian=f"Entri uji {i}", kunci=f"uji-v-{i}"))
        db.session.commit()
        return list(db.session.scalars(select(ProgresHarian.id).where(
            ProgresHarian.pegawai_id == pegawai_id, ProgresHarian.verifikasi.is_(None))
            .order_by(ProgresHarian.id.desc())))


def monday_of(app, entri_id: int) -> str:
    with app.app_context():
        day = db.session.get(ProgresHarian, entri_id).tanggal
    return label_minggu(day - timedelta(days=day.weekday()))
