"""Admin (BKPSDM operator) pages: the org tree, seats, people, Plt, periods, the calendar and
the instansi. One blueprint `bp`; its views live in this module and the ones imported at the
end (org_routes, people_routes, setting_routes)."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, request
from flask_login import current_user
from sqlalchemy import func, select

from portal import access, clock, orgtree, tindakan
from portal.extensions import db
from portal.htmx import redirect_to, render, tersimpan, wants_fragment
from portal.models import Jabatan, Pegawai, Periode, PltJabatan, RiwayatJabatan, UnitKerja
from portal.web import page_number

bp = Blueprint("admin", __name__)


def page_arg() -> int:
    """`?hal=` as a page number; anything else is page 1."""
    return page_number(request.args.get("hal"), 10_000)


def search_arg() -> str:
    return request.args.get("q", "").strip()[:100]


def row_or_redirect(fragment: str, row_id: str, url: str, message: str | None = None,
                    **context):
    """After a successful change: the updated row when htmx asked to swap that row,
    otherwise a redirect (HX-Redirect for htmx, Post/Redirect/Get without JavaScript)."""
    if wants_fragment() and request.headers.get("HX-Target") == row_id:
        return render(fragment, fragment, tersimpan_teks=tersimpan(), **context)
    if message:  # only on a page change: a swapped row shows the change itself
        flash(message, "success")
    return redirect_to(url)


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


from portal.admin import org_routes, people_routes, routes_dokumen, setting_routes  # noqa: E402,F401,I001
