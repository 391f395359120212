"""Prestasi and inovasi: the employee records them, the direct supervisor verifies or rejects."""
from __future__ import annotations

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, update

from portal import access, konfirmasi, orgtree
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.idempotency import once
from portal.models import Pegawai, Prestasi
from portal.models.audit import utcnow
from portal.rapor import bp
from portal.rapor.forms import PrestasiForm, VerifikasiForm


def _mine():
    return db.session.scalars(select(Prestasi).where(Prestasi.pegawai_id == current_user.id)
                              .order_by(Prestasi.tanggal.desc())).all()


@bp.route("/prestasi", methods=["GET", "POST"])
@access.role("pegawai")
def prestasi():
    form = PrestasiForm()
    if form.validate_on_submit():
        def build() -> Prestasi:
            item = Prestasi(pegawai_id=current_user.id)
            form.populate_obj(item)
            item.kunci = form.posted_key()
            db.session.add(item)
            return item

        once(Prestasi, "pegawai_id", current_user.id, form.posted_key(), build)
        flash(_("Prestasi dicatat dan menunggu verifikasi atasan."), "success")
        return redirect_to(url_for("rapor.prestasi"))
    status = 422 if form.is_submitted() else 200
    return render("rapor/prestasi.html", "rapor/_prestasi_form.html", status=status, form=form,
                  items=_mine())


@bp.post("/prestasi/<int:prestasi_id>/hapus")
@access.role("pegawai")
def prestasi_hapus(prestasi_id: int):
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


def _waiting():
    reports = orgtree.direct_reports_query(current_user.id).with_only_columns(Pegawai.id)
    return db.session.execute(
        select(Prestasi, Pegawai).join(Pegawai, Pegawai.id == Prestasi.pegawai_id)
        .where(Prestasi.pegawai_id.in_(reports.scalar_subquery()),
               Prestasi.status == "menunggu")
        .order_by(Prestasi.dibuat_pada)).all()


@bp.get("/prestasi/verifikasi")
@access.role("atasan")
def verifikasi_list():
    return render("rapor/verifikasi.html", rows=_waiting(), form=VerifikasiForm())


@bp.post("/prestasi/<int:prestasi_id>/verifikasi")
@access.role("atasan")
def verifikasi(prestasi_id: int):
    item = access.get_prestasi_to_verify_or_403(prestasi_id)
    form = VerifikasiForm()
    if not form.validate_on_submit():
        return render("rapor/verifikasi.html", "rapor/_verifikasi_row.html", status=422,
                      rows=_waiting(), form=form, item=item, pegawai=item.pegawai,
                      failed=item.id)
    # Compare-and-set on the status: only a prestasi still waiting is decided, so a second
    # decision (another tab, a Plt) never overwrites the first.
    done = db.session.execute(
        update(Prestasi).where(Prestasi.id == item.id, Prestasi.status == "menunggu")
        .values(status=form.keputusan.data, catatan_verifikator=form.catatan.data or None,
                diverifikasi_oleh_id=current_user.id, diverifikasi_pada=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    db.session.refresh(item)
    if not done:
        flash(_("Data telah diubah oleh orang lain.") + " " + _(
            "Prestasi ini sudah diputuskan (status kini: %(s)s); keputusan Anda tidak disimpan.",
            s=item.status), "error")
        return render("rapor/verifikasi.html", status=409, rows=_waiting(),
                      form=VerifikasiForm(formdata=None))
    flash(_("Prestasi diverifikasi.") if item.status == "diverifikasi"
          else _("Prestasi ditolak."), "success")
    return redirect_to(url_for("rapor.verifikasi_list"))
