"""Realization: the person fills and submits; the direct supervisor accepts or returns."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import access, clock
from portal.extensions import db
from portal.harian import bp, kalender
from portal.harian import bukti as bukti_files
from portal.harian import realisasi as svc
from portal.harian.common import STALE, posted_version
from portal.harian.forms import BuktiForm, RealisasiForm
from portal.htmx import redirect_to, render
from portal.rencana import rencana_aksi


def _sub_or_404(kal, sub_id: int | None):
    sub = next((s for s in kal.sub if s.id == sub_id), None) if sub_id else \
        kal.sub_on(clock.today())
    if sub is None:
        abort(404)
    return sub


def _page(sub, kal, status=200, values=None, errors=None, bukti_form=None, message=None):
    skp = svc.skp_aktif(current_user.id)
    rp = svc.get_rp(skp, sub) if skp else None
    if values is None and rp is not None:
        values = {r.iki_id: (r.nilai, r.catatan) for r in rp.nilai}
    return render("harian/realisasi.html", skp=skp, sub=sub, subs=kal.sub, rp=rp,
                  values=values or {}, errors=errors or {}, form=RealisasiForm(),
                  bukti_form=bukti_form or BuktiForm(formdata=None), bukti=svc.bukti_of(rp),
                  sums=svc.output_sums(current_user.id, sub.mulai, sub.selesai),
                  rencana=rencana_aksi.untuk_realisasi(current_user.id, sub.mulai, sub.selesai),
                  editable=(rp is None or rp.status in svc.EDITABLE) and not sub.is_closed,
                  label=svc.STATUS_LABEL, message=message, status=status)


def _stale(sub, kal):
    """409 with the realization as it is now: someone (another tab, the supervisor) was first."""
    db.session.rollback()
    return _page(sub, kal, 409, message=_(STALE) + " " + _(
        "Realisasi ditampilkan seperti yang tersimpan sekarang; periksa lalu kirim lagi."))


@bp.get("/realisasi")
@access.role("pegawai")
def realisasi():
    kal = kalender.kalender(current_user.id)
    return _page(_sub_or_404(kal, request.args.get("sub", type=int)), kal)


@bp.post("/realisasi/<int:sub_id>")
@access.role("pegawai")
def realisasi_save(sub_id: int):
    kal = kalender.kalender(current_user.id)
    sub = _sub_or_404(kal, sub_id)
    skp = svc.skp_aktif(current_user.id)
    rp = svc.get_rp(skp, sub) if skp else None
    if skp is None or sub.is_closed:
        abort(403)  # nothing to fill or the sub-period is closed
    form = RealisasiForm()
    values, errors = svc.read_values(skp, request.form)
    ajukan = request.form.get("aksi") == "ajukan"
    if rp is not None and rp.status not in svc.EDITABLE:
        if ajukan and rp.status == "diajukan" and not errors and svc.same_values(rp, values):
            flash(_("Realisasi sudah diajukan kepada atasan."), "success")  # a double submit
            return redirect_to(url_for("harian.realisasi", sub=sub.id))
        return _stale(sub, kal)
    version = posted_version()
    if version is not None and version != (rp.version if rp else ""):
        return _stale(sub, kal)
    if ajukan and not errors:
        for iki_id, (nilai, _note) in values.items():
            if nilai is None:
                errors[iki_id] = _("Isi realisasi sebelum mengajukan.")
    if errors or not form.validate():
        return _page(sub, kal, 422, values, errors)
    try:
        svc.save(skp, sub, values, ajukan)
    except (StaleDataError, IntegrityError):  # a twin request saved between our read and write
        return _stale(sub, kal)
    flash(_("Realisasi diajukan kepada atasan.") if ajukan else _("Realisasi disimpan."),
          "success")
    return redirect_to(url_for("harian.realisasi", sub=sub.id))


@bp.post("/realisasi/<int:sub_id>/bukti")
@access.role("pegawai")
def bukti_realisasi_upload(sub_id: int):
    kal = kalender.kalender(current_user.id)
    sub = _sub_or_404(kal, sub_id)
    skp = svc.skp_aktif(current_user.id)
    rp = svc.get_rp(skp, sub) if skp else None
    if skp is None or sub.is_closed or (rp is not None and rp.status not in svc.EDITABLE):
        abort(403)
    form = BuktiForm()
    rp = svc.ensure_rp(skp, sub)
    if bukti_files.save(form, current_user.id, realisasi_periode_id=rp.id):
        db.session.rollback()
        return _page(sub, kal, 422, bukti_form=form)
    flash(_("Bukti dukung diunggah."), "success")
    return redirect_to(url_for("harian.realisasi", sub=sub.id))


