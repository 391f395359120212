"""What a rapor's download looks up, in as few statements as it can: the year of the URL with
this person's rating for it and the rating's objection, in one (the register row with its
stored bytes is the next one, `register.valid_with_bytes`)."""
from __future__ import annotations

from flask import abort
from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.models import Penilaian, Periode
from portal.rapor.services import Period
from portal.rules import periode_kode


def rapor_of(pegawai_id: int, code: str) -> tuple[Period, Penilaian | None]:
    """`rapor.services.period_or_404` and `penilaian_of` in one statement (404 alike)."""
    parsed = periode_kode.parse(code)
    if parsed is None:
        abort(404)
    tahun, kode = parsed
    row = db.session.execute(
        select(Periode, Penilaian)
        .outerjoin(Penilaian, and_(Penilaian.periode_id == Periode.id,
                                   Penilaian.pegawai_id == pegawai_id, Penilaian.kode == kode))
        .where(Periode.tahun == tahun).options(joinedload(Penilaian.keberatan))
        .limit(1)).first()
    if row is None:
        abort(404)
    periode, penilaian = row
    sub = None
    if kode != periode_kode.TAHUNAN:
        sub = next((s for s in periode.sub_periode if s.kode == kode), None)
        if sub is None:
            abort(404)
    return Period(periode, kode, sub), penilaian
