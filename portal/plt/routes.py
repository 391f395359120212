"""The second step of a Plt/Plh appointment: the list of what waits for me, confirm, refuse."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access
from portal import konfirmasi as ask
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import PltJabatan
from portal.plt import bp, services


def _waiting_or_403(plt_id: int) -> PltJabatan:
    plt = access.get_or_404(PltJabatan, plt_id)
    if not services.may_confirm(current_user, plt):
        abort(403)
    return plt


@bp.get("/plt/konfirmasi")
@access.any_role("sekda", "admin")
def konfirmasi_list():
    return render("plt/konfirmasi.html", rows=services.waiting_for(current_user))


@bp.post("/plt/<int:plt_id>/konfirmasi")
@access.any_role("sekda", "admin")
def konfirmasi(plt_id: int):
    plt = _waiting_or_403(plt_id)
    answer = ask.perlu(_("Konfirmasi penunjukan ini? Penunjukan langsung berlaku."))
    if answer:
        return answer
    services.confirm(plt, current_user)
    db.session.commit()
    flash(_("%(j)s %(n)s berlaku.", j=plt.jenis, n=plt.pegawai.nama_lengkap), "success")
    return redirect_to(url_for("plt.konfirmasi_list"))


@bp.post("/plt/<int:plt_id>/tolak")
@access.any_role("sekda", "admin")
def tolak(plt_id: int):
    plt = _waiting_or_403(plt_id)
    answer = ask.perlu(_("Tolak dan hapus penunjukan ini?"))
    if answer:
        return answer
    services.refuse(plt)
    db.session.commit()
    flash(_("Penunjukan ditolak dan dihapus."), "success")
    return redirect_to(url_for("plt.konfirmasi_list"))
