"""Realization: the person fills and submits; the direct supervisor accepts or returns."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import access, clock, konfirmasi
from portal.extensions import db
from portal.harian import bp, calendar
from portal.harian import bukti as bukti_files
from portal.harian import realisasi as svc
from portal.harian.access import (
    get_realisasi_decidable_or_403,
    get_realisasi_readable_or_403,
    may_decide_realisasi,
)
from portal.harian.forms import BuktiForm, KeputusanForm, RealisasiForm
from portal.htmx import redirect_to, render
from portal.models import RealisasiPeriode
from portal.rencana import rencana_aksi

STALE = "Data telah diubah oleh orang lain."


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


def _posted_version() -> int | None | str:
    """The version the form was made from: None when absent (old clients), "" for a new one."""
    raw = request.form.get("version")
    if raw is None or raw == "":
        return raw
    return int(raw) if raw.isdigit() else -1


@bp.get("/realisasi")
@access.role("pegawai")
def realisasi():
    kal = calendar.kalender(current_user.id)
    return _page(_sub_or_404(kal, request.args.get("sub", type=int)), kal)


@bp.post("/realisasi/<int:sub_id>")
@access.role("pegawai")
def simpan_realisasi(sub_id: int):
    kal = calendar.kalender(current_user.id)
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
    version = _posted_version()
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
def unggah_bukti_realisasi(sub_id: int):
    kal = calendar.kalender(current_user.id)
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


@bp.get("/tim/realisasi")
@access.role("atasan")
def antrian():
    return render("harian/antrian.html", rows=svc.queue(current_user), form=RealisasiForm())


@bp.post("/tim/realisasi/terima")
@access.role("atasan")
def terima_banyak():
    form = RealisasiForm()
    chosen = {int(x) for x in request.form.getlist("rp") if x.isdigit()}
    if not form.validate() or not chosen:
        flash(_("Pilih paling sedikit satu realisasi."), "error")
        return redirect_to(url_for("harian.antrian"))
    answer = konfirmasi.perlu(_("Terima %(n)s realisasi yang dipilih?", n=len(chosen)))
    if answer:
        return answer
    done = 0
    for rp in svc.queue(current_user):  # each one asked svc.may_decide
        if rp.id in chosen:
            svc.decide(rp, current_user.id, True, None)
            done += 1
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash(_(STALE) + " " + _("Tidak ada yang disimpan; periksa daftar lalu pilih lagi."),
              "error")
        return redirect_to(url_for("harian.antrian"))
    flash(_("%(n)s realisasi diterima.", n=done), "success")
    return redirect_to(url_for("harian.antrian"))


@bp.get("/tim/realisasi/<int:rp_id>")
@access.login
def tinjau(rp_id: int):
    rp = get_realisasi_readable_or_403(rp_id)
    return render("harian/tinjau.html", rp=rp, rows=svc.review_rows(rp), bukti=svc.bukti_of(rp),
                  form=KeputusanForm(formdata=None), label=svc.STATUS_LABEL,
                  boleh=may_decide_realisasi(rp))


@bp.post("/tim/realisasi/<int:rp_id>/putuskan")
@access.role("atasan")
def putuskan(rp_id: int):
    rp = get_realisasi_decidable_or_403(rp_id)
    form = KeputusanForm()
    terima = request.form.get("aksi") == "terima"
    ok = form.validate()
    catatan = (form.catatan.data or "").strip()
    version = _posted_version()
    if _own_decision_again(rp, version, terima, catatan):
        return _decided_ok(terima)
    if rp.status != "diajukan" or (version is not None and version != rp.version):
        return _decided_by_other(rp)
    if ok and not terima and not catatan:
        form.catatan.errors = [_("Tuliskan catatan agar pegawai tahu apa yang diperbaiki.")]
        ok = False
    if not ok:
        return render("harian/tinjau.html", rp=rp, rows=svc.review_rows(rp), form=form,
                      bukti=svc.bukti_of(rp), label=svc.STATUS_LABEL, boleh=True, status=422)
    svc.decide(rp, current_user.id, terima, catatan or None)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return _decided_by_other(db.session.get(RealisasiPeriode, rp_id))
    return _decided_ok(terima)


def _own_decision_again(rp: RealisasiPeriode, version, terima: bool, catatan: str) -> bool:
    """The same decision sent again from the same page (a double click, a retry after a lost
    answer): it is already what is stored, one version on, by this supervisor."""
    return (isinstance(version, int) and version + 1 == rp.version
            and rp.diputuskan_oleh_id == current_user.id
            and rp.status == ("diterima" if terima else "dikembalikan")
            and (terima or (rp.catatan_atasan or "") == catatan))


def _decided_ok(terima: bool):
    flash(_("Realisasi diterima.") if terima else _("Realisasi dikembalikan dengan catatan."),
          "success")
    return redirect_to(url_for("harian.antrian"))


def _decided_by_other(rp: RealisasiPeriode):
    """409 with the current state: a second decision never overwrites the first."""
    db.session.refresh(rp)
    message = _(STALE) + " " + _("Status realisasi kini: %(s)s; keputusan Anda tidak disimpan.",
                                 s=svc.STATUS_LABEL[rp.status])
    return render("harian/tinjau.html", rp=rp, rows=svc.review_rows(rp), bukti=svc.bukti_of(rp),
                  form=KeputusanForm(formdata=None), label=svc.STATUS_LABEL, message=message,
                  boleh=may_decide_realisasi(rp),
                  status=409)
