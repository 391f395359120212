"""The supervisor's verification: a week of each direct report's entries, accept or return one
entry, or accept the whole week in one tap (htmx fragment or plain form and redirect)."""
from __future__ import annotations

from datetime import date, timedelta

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, clock, konfirmasi
from portal.access import MAX_ID
from portal.extensions import db
from portal.htmx import fragment_or_redirect, redirect_to, render, tersimpan, wants_fragment
from portal.rencana import access as ra_access
from portal.rencana import bp, verifikasi
from portal.rencana.forms import CatatanForm
from portal.rencana.pengaturan import pengaturan
from portal.rules.hari_kerja import label_minggu, parse_minggu, senin
from portal.web import tanggal


def _senin() -> date:
    """The Monday of the `minggu` asked for ("2026-W48"), else of this week."""
    monday = parse_minggu(request.values.get("minggu"))
    if monday is None or not 2000 <= monday.year <= 2100:  # a week that can have no entries
        return senin(clock.today())
    return monday


def _week_url(monday) -> str:
    return url_for("rencana.minggu_verifikasi", minggu=label_minggu(monday))


@bp.get("/verifikasi")
@access.role("atasan")
def minggu_verifikasi():
    return render("rencana/verifikasi.html", "rencana/_verifikasi_tim.html",
                  **_week(_senin()))


def _week(monday: date, pesan: str | None = None) -> dict:
    return {**verifikasi.minggu_tim(current_user.id, monday), "label_minggu": label_minggu,
            "minggu_lalu": label_minggu(monday - timedelta(days=7)),
            "minggu_depan": label_minggu(monday + timedelta(days=7)), "pesan": pesan}


@bp.post("/verifikasi/entri/<int:entri_id>")
@access.role("atasan")
def putuskan(entri_id: int):
    entri = ra_access.get_entri_to_verify_or_403(entri_id)
    form = CatatanForm()
    keputusan = request.form.get("keputusan", "")
    try:
        form.validate()
        if form.catatan.errors:
            raise verifikasi.Ditolak(form.catatan.errors[0])
        verifikasi.putuskan(entri, current_user.id, keputusan, form.catatan.data,
                            {entri.pegawai_id}, aktif=pengaturan().verifikasi_aktif)
    except verifikasi.Ditolak as refused:
        db.session.rollback()
        return fragment_or_redirect("rencana/_verifikasi_entri.html",
                                    _week_url(senin(entri.tanggal)), str(refused),
                                    category="error", status=422, htmx_redirect=True,
                                    e=entri, message=str(refused), form=form)
    db.session.commit()
    diterima = entri.verifikasi == "diterima"
    return fragment_or_redirect(
        "rencana/_verifikasi_entri.html", _week_url(senin(entri.tanggal)),
        _("Entri diterima.") if diterima else _("Entri dikembalikan dengan catatan."),
        htmx_redirect=True, e=entri, form=None, message=None,
        tersimpan_teks=tersimpan(_("diterima") if diterima else _("dikembalikan")))


@bp.post("/verifikasi/minggu")
@access.role("atasan")
def minggu_terima():
    """Accept every waiting entry of the week: of one report (`pegawai`) or of the whole team."""
    monday = _senin()
    pegawai_id = request.form.get("pegawai", type=int)
    if pegawai_id is not None and not 0 < pegawai_id <= MAX_ID:
        pegawai_id = 0  # nobody: nothing is accepted
    answer = konfirmasi.perlu(_("Terima semua entri yang menunggu pada minggu %(a)s – %(z)s?",
                                a=tanggal(monday), z=tanggal(monday + timedelta(days=6))))
    if answer:
        return answer
    accepted, refused = verifikasi.terima_minggu(current_user.id, monday, pegawai_id)
    db.session.commit()
    if refused:
        pesan = _("%(n)s entri diterima; %(m)s tidak dapat diterima (bukan bawahan langsung Anda, "
                  "entri sendiri, atau verifikasi tidak aktif).", n=accepted, m=refused)
    elif accepted:
        pesan = _("%(n)s entri diterima.", n=accepted)
    else:
        pesan = _("Tidak ada entri yang menunggu pada minggu ini.")
    if wants_fragment():
        return render("rencana/_verifikasi_tim.html", **_week(monday, pesan))
    flash(pesan, "success")
    return redirect_to(_week_url(monday))
