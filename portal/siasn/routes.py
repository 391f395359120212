"""The outbox page: BKPSDM (admin) resends and reconciles; the Sekda reads."""
from __future__ import annotations

import json

from flask import current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal import access
from portal import konfirmasi as ask
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import KirimanSiasn, Pegawai
from portal.siasn import bp, outbox

STATUS = ("antre", "kirim", "terkirim", "gagal")


@bp.get("/siasn")
@access.any_role("admin", "sekda")
def daftar():
    status = request.args.get("status", "")
    query = select(KirimanSiasn).options(joinedload(KirimanSiasn.pegawai))
    if status in STATUS:
        query = query.where(KirimanSiasn.status == status)
    rows = list(db.session.scalars(query.order_by(KirimanSiasn.diperbarui_pada.desc(),
                                                  KirimanSiasn.id.desc()).limit(200)))
    jumlah = dict(db.session.execute(select(KirimanSiasn.status, func.count(KirimanSiasn.id))
                                     .group_by(KirimanSiasn.status)).all())
    return render("siasn/daftar.html", rows=rows, jumlah=jumlah, saring=status,
                  mode=outbox.mode(), pratinjau=lambda r: json.dumps(
                      outbox.pratinjau(r), ensure_ascii=False, indent=1, sort_keys=True),
                  boleh_kirim=access.has_role("admin"))


@bp.get("/siasn/saya")
@access.login
def saya():
    """Each person reads their own rows: what of their ratings reached BKN (domain.md)."""
    rows = list(db.session.scalars(select(KirimanSiasn).where(
        KirimanSiasn.pegawai_id == current_user.id).order_by(KirimanSiasn.kunci)))
    return render("siasn/saya.html", rows=rows, mode=outbox.mode())


@bp.post("/siasn/kirim")
@access.role("admin")
def kirim():
    ids = [int(i) for i in request.form.getlist("pilih") if i.isdigit() and len(i) < 10]
    query = select(KirimanSiasn).where(KirimanSiasn.status == "gagal")
    if ids:
        query = select(KirimanSiasn).where(KirimanSiasn.id.in_(ids))
    rows = list(db.session.scalars(query))
    siap = [row for row in rows if outbox.boleh_ulang(row)]  # the single resend's rule
    if not siap:
        flash(_("Tidak ada catatan yang dijadwalkan: hanya catatan yang gagal atau menunggu "
                "yang dapat dikirim ulang."), "info")
        return redirect_to(url_for("siasn.daftar"))
    answer = ask.perlu(_("Kirim ulang %(n)s catatan ke SIASN?", n=len(siap)))
    if answer:
        return answer
    for row in siap:
        outbox.ulang(row)
    db.session.commit()
    _send_now()
    flash(_("%(n)s catatan dijadwalkan untuk dikirim ulang.", n=len(siap)), "success")
    if len(rows) > len(siap):
        flash(_("%(n)s catatan lain tidak dijadwalkan karena sudah terkirim atau sedang "
                "dikirim.", n=len(rows) - len(siap)), "info")
    return redirect_to(url_for("siasn.daftar"))


@bp.post("/siasn/<int:kiriman_id>/ulang")
@access.role("admin")
def ulang(kiriman_id: int):
    row = access.get_or_404(KirimanSiasn, kiriman_id)
    if not outbox.boleh_ulang(row):  # e.g. an old page's button: say why nothing happens
        flash(_tidak_diulang(row), "info")
        return redirect_to(url_for("siasn.daftar"))
    answer = ask.perlu(_("Kirim ulang catatan ini ke SIASN?"))
    if answer:
        return answer
    outbox.ulang(row)
    db.session.commit()
    _send_now()
    flash(_("Catatan dijadwalkan untuk dikirim ulang."), "success")
    return redirect_to(url_for("siasn.daftar"))


def _tidak_diulang(row: KirimanSiasn) -> str:
    if row.status == "terkirim":
        return _("Catatan ini sudah terkirim ke SIASN, jadi tidak dijadwalkan lagi. Bila "
                 "penilaiannya berubah (periode dibuka kembali), catatan dikirim lagi dengan "
                 "sendirinya sebagai pembaruan.")
    return _("Catatan ini sedang dikirim, jadi tidak dijadwalkan lagi; lihat hasilnya sebentar "
             "lagi.")


def _send_now() -> None:
    """With Redis the worker sends; without it a few rows are sent in this request (the rest
    by `flask siasn kirim` from cron)."""
    if not outbox.jadwalkan() and outbox.mode() == "kirim":
        outbox.kirim_jatuh_tempo(batas=int(current_app.config.get("SIASN_BATAS_HALAMAN", 20)))


@bp.get("/siasn/rekonsiliasi")
@access.role("admin")
def rekonsiliasi():
    nip = (request.args.get("nip") or "").strip()[:18]
    pegawai = db.session.scalar(select(Pegawai).where(Pegawai.nip == nip)) if nip else None
    hasil = outbox.rekonsiliasi(pegawai) if pegawai is not None else None
    status = 404 if nip and pegawai is None else 200
    return render("siasn/rekonsiliasi.html", nip=nip, pegawai=pegawai, hasil=hasil,
                  status=status)
