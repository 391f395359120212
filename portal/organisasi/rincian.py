"""The list behind one number of the dashboard: the people counted in a figure, one page at a
time, from the same population and joins as the figure itself."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select

from portal.extensions import db
from portal.models import Jabatan, Penilaian, Periode, RealisasiPeriode
from portal.organisasi.services import (
    PREDIKAT_STATES,
    REALISASI_STATES,
    SKP_STATES,
    aliased_skp,
    current_sub,
    last_finished_sub,
    population,
)

FIGURES = {"skp": SKP_STATES, "realisasi": REALISASI_STATES, "predikat": PREDIKAT_STATES}


def people_for(viewer_id, periode: Periode, today: date, opd_id: int | None, figure: str,
               value: str, page: int, per_page: int = 50):
    """The list behind one number of the dashboard."""
    from portal.models import Pegawai

    pop = population(viewer_id, today)
    skp = aliased_skp(periode)
    q = (select(Pegawai, Jabatan).join(pop, pop.c.pegawai_id == Pegawai.id)
         .join(Jabatan, Jabatan.id == pop.c.jabatan_id)
         .outerjoin(skp, and_(skp.c.pegawai_id == pop.c.pegawai_id,
                              skp.c.jabatan_id == pop.c.jabatan_id)))
    if opd_id:
        q = q.where(pop.c.opd_id == opd_id)
    if figure == "skp":
        q = q.where(skp.c.status.is_(None) if value == "belum" else skp.c.status == value)
    elif figure == "realisasi":
        sub = current_sub(periode, today)
        rp = select(RealisasiPeriode.skp_id, RealisasiPeriode.status).where(
            RealisasiPeriode.sub_periode_id == sub.id).subquery("rp")
        q = q.outerjoin(rp, rp.c.skp_id == skp.c.id).where(
            rp.c.status.is_(None) if value == "belum" else rp.c.status == value)
    elif figure == "predikat":
        rated = last_finished_sub(periode, today)
        pn = select(Penilaian.pegawai_id, Penilaian.predikat).where(
            Penilaian.periode_id == periode.id,
            Penilaian.kode == (rated.kode if rated else "")).subquery("pn")
        q = q.outerjoin(pn, pn.c.pegawai_id == Pegawai.id).where(
            pn.c.predikat.is_(None) if value == "belum" else pn.c.predikat == value)
    total = db.session.scalar(select(func.count()).select_from(q.subquery()))
    rows = db.session.execute(q.order_by(Pegawai.nama).limit(per_page)
                              .offset((page - 1) * per_page)).all()
    return rows, total
