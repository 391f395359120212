"""A mid-year move (mutasi): the plan of the old seat ends, a draft for the new seat starts."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal import audit, orgtree
from portal.extensions import db
from portal.models import Periode, Skp
from portal.skp.services import transition


def end_skp_on_move(pegawai_id: int, tanggal: date) -> Skp | None:
    """A mid-year move: the SKP of the old seat ends on the move date and a new draft SKP for
    the seat held the next day starts then. Returns the new SKP (None if nothing to end)."""
    periode = db.session.scalar(select(Periode).where(Periode.tahun == tanggal.year))
    if periode is None:
        return None
    old = db.session.scalar(
        select(Skp).where(Skp.pegawai_id == pegawai_id, Skp.periode_id == periode.id,
                          Skp.mulai <= tanggal, Skp.selesai >= tanggal)
        .order_by(Skp.mulai.desc()).limit(1))
    start = tanggal + timedelta(days=1)
    seat = orgtree.current_seat(pegawai_id, start)
    if old is None or seat is None or start > periode.selesai:
        return None
    old.selesai = tanggal
    audit.record("skp.berakhir_mutasi", "skp", old.id, sesudah={"selesai": tanggal})
    new = db.session.scalar(select(Skp).where(Skp.pegawai_id == pegawai_id,
                                              Skp.periode_id == periode.id,
                                              Skp.jabatan_id == seat.id))
    if new is None:
        new = Skp(pegawai_id=pegawai_id, periode_id=periode.id, jabatan_id=seat.id,
                  status="draf", mulai=start, selesai=periode.selesai)
        db.session.add(new)
        db.session.flush()
        transition(new, None, "draf", "SKP jabatan baru setelah mutasi")
    return new
