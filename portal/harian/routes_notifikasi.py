"""Everyone's notifications: the list, marking one (and following its link) or all as read,
and the unread badge of the top bar."""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import current_user

from portal import access
from portal.extensions import db
from portal.harian import bp, notif
from portal.harian.access import get_notifikasi_own_or_404
from portal.harian.forms import RealisasiForm
from portal.htmx import redirect_to, render


@bp.get("/notifikasi")
@access.login
def notifikasi():
    return render("harian/notifikasi.html", rows=notif.latest(current_user.id),
                  form=RealisasiForm(formdata=None))


@bp.post("/notifikasi/<int:notif_id>/baca")
@access.login
def baca(notif_id: int):
    item = get_notifikasi_own_or_404(notif_id)
    item.dibaca = True
    db.session.commit()
    target = item.tautan if item.tautan.startswith("/") and not item.tautan.startswith("//") \
        else url_for("harian.notifikasi")
    return redirect_to(target) if request.headers.get("HX-Request") else redirect(target, 303)


@bp.post("/notifikasi/baca-semua")
@access.login
def notifikasi_baca_semua():
    notif.mark_all_read(current_user.id)
    return redirect_to(url_for("harian.notifikasi"))
