"""Pelaksanaan: the daily log (progres harian) with its quick entry, and evidence files.

The team page, the realization and the feedback live in sibling modules on the same blueprint.
"""
from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, user_logged_in
from flask_wtf.csrf import CSRFError

from portal import access, clock, konfirmasi
from portal.extensions import db
from portal.harian import access as harian_access
from portal.harian import bp, formulir, kalender, services, tertunda
from portal.harian import bukti as bukti_files
from portal.harian.forms import BuktiForm, EntriForm
from portal.htmx import fragment_or_redirect, redirect_to, render, tersimpan, wants_fragment
from portal.parameter import minggu_arg
from portal.rules.hari_kerja import hari_minggu, label_minggu, senin
from portal.web import tanggal_pendek

bp.record_once(lambda state: user_logged_in.connect(tertunda.send_after_login, state.app))


@bp.before_request
def keep_entry_of_expired_session():
    if request.endpoint == "harian.entri_new" and not current_user.is_authenticated \
            and tertunda.same_origin():
        flash(_("Sesi Anda berakhir. Entri Anda disimpan sementara dan akan dikirim setelah "
                "Anda masuk kembali."), "info")
        return tertunda.stash(current_app.login_manager.unauthorized())
    return None


@bp.errorhandler(CSRFError)
def entry_csrf_failed(_e):
    """The quick entry keeps its text when the form's token has gone stale."""
    if request.endpoint != "harian.entri_new" or not tertunda.same_origin():
        from portal.errors import render_error

        return render_error(400, _("Sesi formulir sudah kedaluwarsa. Muat ulang halaman lalu "
                                   "kirim lagi."))
    if not current_user.is_authenticated:
        flash(_("Sesi Anda berakhir. Entri Anda disimpan sementara dan akan dikirim setelah "
                "Anda masuk kembali."), "info")
        return tertunda.stash(current_app.login_manager.unauthorized())
    rhks = services.approved_rhk(current_user.id)
    form = services.prepare(EntriForm(meta={"csrf": False}), current_user.id, rhks, fresh=False)
    form.uraian.errors = [_("Sesi formulir sudah kedaluwarsa. Isian Anda tetap ada; periksa "
                            "lalu kirim lagi.")]
    return render("harian/entri.html", "harian/_quick.html", status=422, form=form)


@bp.post("/harian/entri")
@access.role("pegawai")
def entri_new():
    rhks = services.approved_rhk(current_user.id)
    form, values = formulir.kiriman(request.form, current_user.id), None  # no WTForms form
    if form is not None:
        kal, modes = kalender.untuk_entri(current_user.id, services.posted_day(form))
        values = services.validate(form, current_user.id, rhks, kal, modes=modes)
    if values is None:  # the messages, the choices and the typed text: the real form
        form = services.prepare(EntriForm(), current_user.id, rhks, fresh=False)
        values = services.validate(form, current_user.id, rhks)
        if values is None:
            return render("harian/entri.html", "harian/_quick.html", status=422, form=form)
    entri, created = services.create(current_user.id, values, form.posted_key())
    if not wants_fragment():
        if created:
            flash(_("Entri tersimpan."), "success")
        return redirect_to(url_for("home.pegawai"))
    if not created:  # a twin's answer: the rollback expired what was loaded above
        rhks = services.approved_rhk(current_user.id)
    today = entri.tanggal == clock.today()
    fresh = formulir.segar(current_user.id, rhks,
                           last=(entri.rhk_id, entri.rencana_aksi_id) if created else None,
                           mode_hari_ini=form.mode.data if created and today else None,
                           rencana=form.rencana_list if created else None)
    mode = form.mode.data if created else None
    day = None if today else tanggal_pendek(entri.tanggal)
    return render("harian/_entri_baru.html", form=fresh, e=entri,
                  tersimpan_teks=tersimpan(day and _("untuk %(d)s", d=day), mode))


@bp.get("/harian")
@access.role("pegawai")
def daftar():
    lihat = request.args.get("lihat", "minggu")
    today = clock.today()
    rhks = services.approved_rhk(current_user.id)
    rhk_id = request.args.get("rhk", type=int)
    if lihat == "rhk":
        rhk = next((r for r in rhks if r.id == rhk_id), rhks[0] if rhks else None)
        rows = services.entries(current_user.id, today - timedelta(days=366), today,
                                rhk.id) if rhk else []
    else:
        rhk = None
        start = today if lihat == "hari" else hari_minggu(today)[0]
        rows = services.entries(current_user.id, start, today)
    return render("harian/daftar.html", rows=rows, lihat=lihat, rhks=rhks, rhk=rhk,
                  terbuka=kalender.kalender(current_user.id).terbuka, satuan=services.satuan)


@bp.route("/harian/entri/<int:entri_id>/ubah", methods=["GET", "POST"])
@access.role("pegawai")
def ubah(entri_id: int):
    entri = harian_access.get_entri_own_open_or_403(entri_id)
    rhks = services.approved_rhk(current_user.id)
    form = services.prepare(EntriForm(), current_user.id, rhks, fresh=False) \
        if request.method == "POST" else services.edit_form(entri, rhks)
    if request.method == "POST":
        values = services.validate(form, current_user.id, rhks, tanggal_lama=entri.tanggal)
        if values is not None:
            services.update(entri, values)
            flash(_("Entri diperbarui."), "success")
            return redirect_to(url_for("harian.daftar"))
    status = 422 if form.errors else 200
    return render("harian/ubah.html", form=form, entri=entri, status=status,
                  bukti_form=BuktiForm(formdata=None))


@bp.post("/harian/entri/<int:entri_id>/hapus")
@access.role("pegawai")
def hapus(entri_id: int):
    entri = harian_access.get_entri_own_open_or_403(entri_id)
    answer = konfirmasi.perlu(_("Hapus entri ini?"))
    if answer:
        return answer
    for b in entri.bukti:
        bukti_files.remove(b)
    db.session.delete(entri)
    db.session.commit()
    return fragment_or_redirect(None, url_for("harian.daftar"), _("Entri dihapus."),
                                htmx_redirect=True)


@bp.post("/harian/entri/<int:entri_id>/bukti")
@access.role("pegawai")
def bukti_entri_upload(entri_id: int):
    entri = harian_access.get_entri_own_open_or_403(entri_id)
    form = BuktiForm()
    error = bukti_files.save(form, current_user.id, progres_id=entri.id)
    if error:
        rhks = services.approved_rhk(current_user.id)
        return render("harian/ubah.html", form=services.edit_form(entri, rhks), entri=entri,
                      bukti_form=form, status=422)
    flash(_("Bukti dukung diunggah."), "success")
    return redirect_to(url_for("harian.ubah", entri_id=entri.id))


@bp.get("/bukti/<int:bukti_id>")
@access.login
def bukti_download(bukti_id: int):
    bukti = harian_access.get_bukti_readable_or_403(bukti_id)
    response = bukti_files.send(bukti)
    if response is None:
        abort(404)
    return response


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
