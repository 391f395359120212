"""Approval of SKPs: the supervisor's inbox, approve/return (one or many), ekspektasi khusus,
the admin's record of the kepala daerah's decision on the Sekda's SKP, revisions and history."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from portal import access, audit, konfirmasi
from portal.extensions import db
from portal.htmx import fragment_or_redirect, redirect_to, render
from portal.models import EkspektasiPerilaku, Skp
from portal.skp import access as skp_access
from portal.skp import bp, pengajuan, services
from portal.skp.common import skp_url
from portal.skp.forms import CatatanForm, EkspektasiForm

KEPALA_DAERAH = "Kepala Daerah"


def _acted_first(skp: Skp, back: str | None = None):
    message = _("SKP ini sudah tidak berstatus diajukan (status kini: %(s)s); orang lain telah "
                "bertindak lebih dulu.", s=skp.status)
    return fragment_or_redirect("skp/_inbox_item.html", back or url_for("skp.persetujuan"),
                                message, category="error", status=409, skp=skp,
                                message=message, kind="error")


@bp.get("/persetujuan")
@access.role("atasan")
def persetujuan():
    return render("skp/inbox.html", items=pengajuan.inbox(current_user))


def _decide(skp: Skp, setuju: bool, atas_nama: str | None = None, back: str | None = None):
    form = CatatanForm(request.form)
    if skp.status != "diajukan":
        return None, _acted_first(skp, back)
    if not setuju and not form.validate():
        if atas_nama:
            return None, render("skp/kepala_daerah.html", skp=skp, form=form, status=422)
        return None, render("skp/inbox.html", "skp/_inbox_item.html", 422,
                            items=pengajuan.inbox(current_user), skp=skp, form=form,
                            form_skp_id=skp.id)
    try:
        if setuju:
            pengajuan.approve(skp, current_user.id, atas_nama=atas_nama)
        else:
            pengajuan.give_back(skp, form.catatan.data.strip(), atas_nama=atas_nama)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return None, _acted_first(db.session.get(Skp, skp.id), back)
    return skp, None


@bp.post("/<int:skp_id>/setujui")
@access.role("atasan")
def setujui(skp_id: int):
    skp, failed = _decide(skp_access.get_skp_for_approval_or_403(skp_id), True)
    if failed is not None:
        return failed
    return _decided(skp, _("SKP %(n)s disetujui.", n=skp.pegawai.nama_lengkap))


@bp.post("/<int:skp_id>/kembalikan")
@access.role("atasan")
def kembalikan(skp_id: int):
    skp, failed = _decide(skp_access.get_skp_for_approval_or_403(skp_id), False)
    if failed is not None:
        return failed
    return _decided(skp, _("SKP %(n)s dikembalikan.", n=skp.pegawai.nama_lengkap))


def _decided(skp: Skp, message: str):
    return fragment_or_redirect("skp/_inbox_item.html", url_for("skp.persetujuan"), message,
                                skp=skp, message=message, kind="ok")


@bp.post("/persetujuan/massal")
@access.role("atasan")
def persetujuan_massal():
    ids = {int(v) for v in request.form.getlist("skp_id") if v.isdigit()}
    done, skipped = 0, 0
    for skp in pengajuan.inbox(current_user):  # each one asked pengajuan.may_decide
        if skp.id in ids:
            pengajuan.approve(skp, current_user.id)
            done += 1
            ids.discard(skp.id)
    skipped = len(ids)
    db.session.commit()
    flash(_("%(n)s SKP disetujui.", n=done), "success")
    if skipped:
        flash(_("%(n)s SKP dilewati karena bukan lagi pengajuan bawahan langsung Anda.",
                n=skipped), "error")
    return redirect(url_for("skp.persetujuan"), 303)


@bp.post("/<int:skp_id>/ekspektasi")
@access.role("atasan")
def ekspektasi(skp_id: int):
    skp = skp_access.get_skp_for_approval_or_403(skp_id)
    form = EkspektasiForm(request.form)
    if not form.validate():
        return render("skp/ekspektasi.html", "skp/_perilaku.html", 422, skp=skp, eks_form=form,
                      is_boss=True)
    row = db.session.scalar(select(EkspektasiPerilaku).where(
        EkspektasiPerilaku.skp_id == skp.id, EkspektasiPerilaku.nilai == form.nilai.data))
    teks = (form.teks.data or "").strip()
    if row is None and teks:
        db.session.add(EkspektasiPerilaku(skp_id=skp.id, nilai=form.nilai.data, teks=teks))
    elif row is not None and teks:
        row.teks = teks
    elif row is not None:
        db.session.delete(row)
    audit.record("skp.ekspektasi", "skp", skp.id, sesudah={"nilai": form.nilai.data})
    db.session.commit()
    db.session.refresh(skp)
    return fragment_or_redirect("skp/_perilaku.html", skp_url(skp.id, "perilaku"),
                                _("Ekspektasi khusus pimpinan disimpan."),
                                skp=skp, is_boss=True, saved=True)


@bp.get("/kepala-daerah")
@access.role("admin")
def kepala_daerah_index():
    """The admin's way in: the Sekda's SKP of the active period, nothing else."""
    skp = services.sekda_skp(services.periode_of_year(None))
    if skp is None:
        return render("skp/kepala_daerah.html", skp=None, form=CatatanForm())
    return redirect(url_for("skp.kepala_daerah", skp_id=skp.id))


@bp.get("/<int:skp_id>/kepala-daerah")
@access.role("admin")
def kepala_daerah(skp_id: int):
    skp = skp_access.get_skp_for_kepala_daerah_or_403(skp_id)
    return render("skp/kepala_daerah.html", skp=skp, form=CatatanForm())


@bp.post("/<int:skp_id>/kepala-daerah")
@access.role("admin")
def kepala_daerah_putus(skp_id: int):
    skp = skp_access.get_skp_for_kepala_daerah_or_403(skp_id)
    setuju = request.form.get("keputusan") == "setujui"
    back = url_for("skp.kepala_daerah", skp_id=skp.id)
    _done, failed = _decide(skp, setuju, atas_nama=KEPALA_DAERAH, back=back)
    if failed is not None:
        return failed
    flash(_("Keputusan Kepala Daerah atas SKP Sekda dicatat."), "success")
    return redirect(url_for("skp.kepala_daerah", skp_id=skp.id), 303)


@bp.post("/<int:skp_id>/revisi")
@access.role("pegawai")
def revisi(skp_id: int):
    skp = skp_access.get_skp_owned_or_403(skp_id)
    answer = konfirmasi.perlu(_("Buka revisi baru? SKP kembali menjadi draf dan harus "
                                "disetujui lagi."))
    if answer:
        return answer
    if skp.status != "disetujui":
        flash(_("Revisi hanya dapat diajukan untuk SKP yang sudah disetujui."), "error")
        return redirect_to(skp_url(skp.id))
    refusal = services.locked_reason(skp)
    if refusal:
        flash(refusal, "error")
        return redirect_to(skp_url(skp.id))
    pengajuan.open_revision(skp)
    audit.record("skp.revisi", "skp", skp.id, sesudah={"revisi": skp.revisi})
    db.session.commit()
    flash(_("Revisi ke-%(n)s dibuka sebagai draf.", n=skp.revisi), "success")
    return redirect_to(skp_url(skp.id))


@bp.get("/<int:skp_id>/riwayat")
@access.login
def riwayat(skp_id: int):
    skp = skp_access.get_skp_readable_or_403(skp_id)
    transisi, revisi = pengajuan.history(skp.id)
    return render("skp/riwayat.html", skp=skp, transisi=transisi, revisi=revisi)
