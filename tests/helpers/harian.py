"""The daily log in tests: working days, a person's RHK and rencana aksi, a quick entry's fields."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    Periode,
    ProgresHarian,
    Rhk,
    Skp,
    SubPeriode,
)


def workdays(app) -> list[date]:
    """Working days (for a person without leave) of the current sub-period up to today, newest
    first."""
    from portal.harian.kalender import libur_set

    with app.app_context():
        sub = db.session.scalar(select(SubPeriode).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= clock.today(), SubPeriode.selesai >= clock.today()))
        libur = libur_set()
        days, d = [], clock.today()
        while d >= sub.mulai:
            if d.weekday() < 5 and d not in libur:
                days.append(d)
            d -= timedelta(days=1)
    assert days, "the suite's fixed dates all have a working day in their sub-period"
    return days


def rhk_of(app, pegawai_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(Rhk.id).join(Skp)
                                 .join(Periode, Periode.id == Skp.periode_id)
                                 .where(Skp.pegawai_id == pegawai_id, Periode.aktif,
                                        Skp.status == "disetujui").order_by(Rhk.id).limit(1))


def count_entries(app, pegawai_id: int | None = None) -> int:
    with app.app_context():
        stmt = select(func.count(ProgresHarian.id))
        if pegawai_id:
            stmt = stmt.where(ProgresHarian.pegawai_id == pegawai_id)
        return db.session.scalar(stmt)


def rencana_of(app, rhk_id: int, day: date) -> int | None:
    """The first rencana aksi of an RHK in the month of `day` (the entry names it)."""
    from portal.models import RencanaAksi

    with app.app_context():
        return db.session.scalar(select(RencanaAksi.id).where(
            RencanaAksi.rhk_id == rhk_id, RencanaAksi.tahun == day.year,
            RencanaAksi.bulan == day.month).order_by(RencanaAksi.id).limit(1))


def entry(app, demo, **over):
    """The quick entry's fields; the rencana aksi follows the RHK and the day unless given."""
    pid = demo.persona("pegawai")
    data = {"rhk": str(rhk_of(app, pid)), "uraian": "Rekap laporan PD3I minggu 48",
            "output": "3", "tanggal": workdays(app)[0].isoformat(), "mode": "WFO",
            "bukti_link": "", "kunci": "kunci-uji-1"}
    data.update(over)
    if "rencana" not in over:
        try:
            day = date.fromisoformat(data["tanggal"])
        except ValueError:
            day = clock.today()
        ra = rencana_of(app, int(data["rhk"]), day) if str(data["rhk"]).isdigit() else None
        data["rencana"] = str(ra) if ra else ""
    return data


HX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/beranda/pegawai"}
