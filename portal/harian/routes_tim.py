"""The team pages of an atasan, all under `/tim/`: the week of daily entries, the queue of
realisasi to decide (one by one or several at once) and everyone below in the chain."""
from __future__ import annotations

from datetime import timedelta

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from portal import access, clock, konfirmasi
from portal.extensions import db
from portal.harian import bp, tim
from portal.harian import realisasi as svc
from portal.harian.access import (
    get_realisasi_decidable_or_403,
    get_realisasi_readable_or_403,
    may_decide_realisasi,
)
from portal.harian.common import STALE, posted_version
from portal.harian.forms import KeputusanForm, RealisasiForm
from portal.home.services import subtree_page
from portal.htmx import redirect_to, render
from portal.models import RealisasiPeriode
from portal.parameter import minggu_arg
from portal.rules.hari_kerja import label_minggu, senin
from portal.web import page_number


@bp.get("/tim/minggu")
@access.role("atasan")
def minggu():
    monday = minggu_arg() or senin(clock.today())
    rows, batas = tim.week(current_user.id, monday)
    return render("harian/minggu.html", rows=rows, batas=batas, monday=monday,
                  label=label_minggu(monday), prev=label_minggu(monday - timedelta(days=7)),
                  next=label_minggu(monday + timedelta(days=7)))


@bp.get("/tim/semua")
@access.role("atasan")
def subtree():
    page = page_number(request.args.get("hal"))
    q = request.args.get("q", "").strip()[:100]
    rows, total = subtree_page(current_user.id, page, q=q)
    return render("home/subtree.html", "home/_subtree_rows.html", rows=rows, total=total,
                  page=page, q=q, per_page=50)


@bp.get("/tim/realisasi")
@access.role("atasan")
def antrian():
    return render("harian/antrian.html", rows=svc.queue(current_user), form=RealisasiForm())


@bp.post("/tim/realisasi/terima")
@access.role("atasan")
def penerimaan_massal():
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
    version = posted_version()
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
