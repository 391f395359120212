"""The supervisor's team week and the notifications of everyone."""
from __future__ import annotations

from datetime import timedelta

from flask import redirect, request, url_for
from flask_login import current_user

from portal import access, clock
from portal.extensions import db
from portal.harian import bp, notif, services, tim
from portal.harian.access import get_notifikasi_own_or_404
from portal.harian.forms import RealisasiForm
from portal.htmx import redirect_to, render
from portal.parameter import minggu_arg
from portal.rules.hari_kerja import label_minggu, senin


@bp.app_context_processor
def notification_badge():
    return {"notif_belum_dibaca": notif.unread_count}


@bp.get("/tim/minggu")
@access.role("atasan")
def minggu():
    monday = minggu_arg() or senin(clock.today())
    rows, batas = tim.week(current_user.id, monday)
    return render("harian/minggu.html", rows=rows, batas=batas, monday=monday,
                  label=label_minggu(monday), prev=label_minggu(monday - timedelta(days=7)),
                  next=label_minggu(monday + timedelta(days=7)))


@bp.get("/harian/pegawai/<int:pegawai_id>")
@access.login
def entri_pegawai(pegawai_id: int):
    """One person's entries of a week, read-only: the owner, the chain above and the Sekda."""
    target = access.get_pegawai_readable_or_403(pegawai_id)
    monday = minggu_arg() or senin(clock.today())
    rows = services.entries(target.id, monday, monday + timedelta(days=6))
    return render("harian/entri_pegawai.html", target=target, rows=rows, label=label_minggu(monday),
                  prev=label_minggu(monday - timedelta(days=7)),
                  next=label_minggu(monday + timedelta(days=7)))


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
def baca_semua():
    notif.mark_all_read(current_user.id)
    return redirect_to(url_for("harian.notifikasi"))
