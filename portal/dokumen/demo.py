"""Demo: the past year's rapor sealed, so `/v/<kode>` and pyHanko can check them after
`make run` (run by `flask dokumen segel-demo`, which the Makefile calls after seed-demo; the
test fixtures' seeding stays free of PDF rendering)."""
from __future__ import annotations

from sqlalchemy import select

from portal.dokumen import jenis, seal
from portal.extensions import db
from portal.models import Pegawai, Penilaian, Periode, PeriodeLog
from portal.models.penilaian import TAHUNAN
from portal.rapor import services


def _last_closed_year() -> Periode | None:
    closed = [p for p in db.session.scalars(
        select(Periode).join(PeriodeLog, PeriodeLog.periode_id == Periode.id)
        .where(PeriodeLog.sub_periode_id.is_(None)).distinct().order_by(Periode.tahun.desc()))]
    return next((p for p in closed if p.is_closed), None)


def seal_past_year() -> int:
    """Seal every final annual rapor of the last closed year; returns how many are sealed."""
    year = _last_closed_year()
    if year is None:
        return 0
    period = services.period_or_404(str(year.tahun))
    rows = db.session.execute(
        select(Penilaian.id, Pegawai.id).join(Pegawai, Pegawai.id == Penilaian.pegawai_id)
        .where(Penilaian.periode_id == year.id, Penilaian.kode == TAHUNAN)
        .order_by(Pegawai.nama)).all()
    sealed = 0
    for penilaian_id, pegawai_id in rows:
        penilaian = db.session.get(Penilaian, penilaian_id)
        permintaan = jenis.rapor(db.session.get(Pegawai, pegawai_id), period, penilaian)
        if permintaan.final:
            seal.terbitkan(permintaan)
            sealed += 1
    return sealed
