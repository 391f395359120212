"""Admin (BKPSDM operator) pages: the org tree, seats, people, Plt, periods, the calendar and
the instansi. This module holds the admin's home; the other views are in `routes_org`,
`routes_pegawai` and `routes_pengaturan`, all on the blueprint of `portal.admin`."""
from __future__ import annotations

from datetime import date

from flask_login import current_user
from sqlalchemy import func, select

from portal import access, clock, orgtree, tindakan
from portal.admin import bp
from portal.extensions import db
from portal.htmx import render
from portal.models import Jabatan, Pegawai, Periode, PltJabatan, RiwayatJabatan, UnitKerja


def counts(on: date | None = None) -> dict:
    on = on or clock.today()
    held = select(RiwayatJabatan.jabatan_id).where(orgtree.holder_current(on))
    count = select(func.count())
    return {
        "unit": db.session.scalar(count.select_from(UnitKerja).where(UnitKerja.aktif)),
        "jabatan": db.session.scalar(count.select_from(Jabatan).where(Jabatan.aktif)),
        "pegawai": db.session.scalar(count.select_from(Pegawai).where(Pegawai.aktif)),
        "kosong": db.session.scalar(count.select_from(Jabatan).where(
            Jabatan.aktif, Jabatan.id.not_in(held))),
        "plt": db.session.scalar(count.select_from(PltJabatan).where(orgtree.plt_current(on))),
    }


@bp.get("/")
@access.role("admin")
def index():
    return render("admin/index.html", n=counts(),
                  periode=db.session.scalar(select(Periode).where(Periode.aktif)),
                  tindakan=tindakan.untuk(current_user, "admin"))
