"""Prestasi and inovasi: the employee records them, the direct supervisor verifies or rejects."""
from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, konfirmasi
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.locking import STALE
from portal.rapor import bp
from portal.rapor import prestasi as svc
from portal.rapor.forms import PrestasiForm, VerifikasiForm


@bp.route("/prestasi", methods=["GET", "POST"])
@access.role("pegawai")
def prestasi():
    form = PrestasiForm()
    if form.validate_on_submit():
        svc.record(current_user.id, form)
        flash(_("Prestasi dicatat dan menunggu verifikasi atasan."), "success")
        return redirect_to(url_for("rapor.prestasi"))
    status = 422 if form.is_submitted() else 200
    return render("rapor/prestasi.html", "rapor/_prestasi_form.html", status=status, form=form,
                  items=svc.of(current_user.id))


@bp.post("/prestasi/<int:prestasi_id>/hapus")
@access.role("pegawai")
def prestasi_delete(prestasi_id: int):
    item = access.get_own_prestasi_or_404(prestasi_id)
    answer = konfirmasi.perlu(_("Hapus prestasi %(n)s?", n=item.judul))
    if answer:
        return answer
    if item.status == "diverifikasi":
        flash(_("Prestasi yang sudah diverifikasi tidak dapat dihapus."), "error")
    else:
        db.session.delete(item)
        db.session.commit()
        flash(_("Prestasi dihapus."), "success")
    return redirect_to(url_for("rapor.prestasi"))


@bp.get("/prestasi/verifikasi")
@access.role("atasan")
def verifikasi_list():
    return render("rapor/verifikasi.html", rows=svc.waiting(current_user.id), form=VerifikasiForm())


@bp.post("/prestasi/<int:prestasi_id>/verifikasi")
@access.role("atasan")
def verifikasi(prestasi_id: int):
    item = access.get_prestasi_to_verify_or_403(prestasi_id)
    form = VerifikasiForm()
    if not form.validate_on_submit():
        return render("rapor/verifikasi.html", "rapor/_verifikasi_row.html", status=422,
                      rows=svc.waiting(current_user.id), form=form, item=item, pegawai=item.pegawai,
                      failed=item.id)
    if not svc.decide(item, form.keputusan.data, form.catatan.data, current_user.id):
        flash(_(STALE) + " " + _(
            "Prestasi ini sudah diputuskan (status kini: %(s)s); keputusan Anda tidak disimpan.",
            s=item.status), "error")
        return render("rapor/verifikasi.html", status=409, rows=svc.waiting(current_user.id),
                      form=VerifikasiForm(formdata=None))
    flash(_("Prestasi diverifikasi.") if item.status == "diverifikasi"
          else _("Prestasi ditolak."), "success")
    return redirect_to(url_for("rapor.verifikasi_list"))
