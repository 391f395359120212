"""The Sekda's part of the evaluation: org ratings, the distribution check with its PDF, and
closing or reopening periods."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, audit, konfirmasi
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.locking import STALE
from portal.penilaian import bp, distribusi, periode, services
from portal.penilaian.forms import BukaForm, RatingOrganisasiForm, choices
from portal.siasn import outbox as siasn_outbox


def _rating_form() -> RatingOrganisasiForm:
    form = RatingOrganisasiForm()
    form.unit_id.choices = choices([("", _("Seluruh instansi"))] + [
        (str(u.id), u.nama) for u in distribusi.opds()])
    return form


def _page(k, status=200, form=None, buka_form=None):
    whole, rows = distribusi.distribusi(k)
    return render("penilaian/organisasi.html", status=status, k=k, whole=whole, rows=rows,
                  form=form or _rating_form(), buka_form=buka_form or BukaForm(),
                  closed=periode.kode_closed(k), log=periode.riwayat(k),
                  periodes=k.periode.sub_periode)


@bp.get("/organisasi")
@access.role("sekda")
def organisasi_default():
    k = periode.default_kode()
    if k is None:
        abort(404)
    return redirect_to(url_for("penilaian.organisasi", kode=k.teks), 302)


@bp.get("/organisasi/<kode>")
@access.role("sekda")
def organisasi(kode: str):
    return _page(periode.parse_kode(kode))


@bp.post("/organisasi/<kode>/rating")
@access.role("sekda")
def rating_organisasi(kode: str):
    k = periode.parse_kode(kode)
    form = _rating_form()
    if periode.kode_closed(k):
        flash(_("Periode %(p)s sudah ditutup.", p=k.label), "error")
        return _page(k, status=409, form=form)
    if not form.validate():
        return _page(k, status=422, form=form)
    answer = konfirmasi.perlu(_("Tetapkan capaian kinerja organisasi %(p)s?", p=k.label))
    if answer:
        return answer
    unit_id = int(form.unit_id.data) if form.unit_id.data else None
    row, before = distribusi.set_rating(k, unit_id, form.rating.data, form.justifikasi.data,
                                        current_user.id)
    audit.record("rating_organisasi.tetapkan", "rating_organisasi", row.id, sebelum=before,
                 sesudah={"kode": k.teks, "unit_id": unit_id, "rating": row.rating})
    if not services.commit():  # set by someone else meanwhile: show theirs, keep nothing
        flash(_(STALE) + " " + _(
            "Capaian kinerja organisasi ditampilkan seperti yang tersimpan sekarang."), "error")
        return _page(k, status=409)
    flash(_("Capaian kinerja organisasi tersimpan."), "success")
    return redirect_to(url_for("penilaian.organisasi", kode=k.teks))


@bp.post("/periode/<kode>/tutup")
@access.role("sekda")
def tutup(kode: str):
    k = periode.parse_kode(kode)
    periode.lock(k)
    if periode.kode_closed(k):  # closed meanwhile (another tab, another Sekda session)
        flash(_("Periode %(p)s sudah ditutup.", p=k.label), "error")
        return _page(k, status=409)
    answer = konfirmasi.perlu(_("Tutup periode %(p)s? Penilaian periode ini tidak dapat "
                                "diubah lagi sampai dibuka kembali.", p=k.label))
    if answer:
        return answer
    periode.tutup(k, current_user.id)
    db.session.commit()
    siasn_outbox.jadwalkan()
    flash(_("Periode %(p)s ditutup.", p=k.label), "success")
    return redirect_to(url_for("penilaian.organisasi", kode=k.teks))


@bp.post("/periode/<kode>/buka")
@access.role("sekda")
def buka(kode: str):
    k = periode.parse_kode(kode)
    form = BukaForm()
    periode.lock(k)
    if not periode.kode_closed(k):
        flash(_("Periode %(p)s tidak sedang ditutup.", p=k.label), "error")
        return _page(k, status=409, buka_form=form)
    if k.periode.is_closed and k.sub is not None:
        flash(_("Tahun %(t)s ditutup; buka tahunnya lebih dulu.", t=k.periode.tahun), "error")
        return _page(k, status=409, buka_form=form)
    if not form.validate():
        return _page(k, status=422, buka_form=form)
    answer = konfirmasi.perlu(_("Buka kembali periode %(p)s?", p=k.label))
    if answer:
        return answer
    periode.buka(k, form.alasan.data.strip(), current_user.id)
    db.session.commit()
    flash(_("Periode %(p)s dibuka kembali.", p=k.label), "success")
    return redirect_to(url_for("penilaian.organisasi", kode=k.teks))
