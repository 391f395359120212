"""Corrections and izin: the employee asks; the direct supervisor (or Plt) decides one at a time
or in bulk; the evidence file is read by those who read the person's presensi."""
from __future__ import annotations

import secrets

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, konfirmasi
from portal.extensions import db
from portal.harian import bukti as bukti_files
from portal.htmx import redirect_to, render
from portal.models import PengajuanPresensi
from portal.presensi import bp, pengajuan


@bp.get("/presensi/pengajuan/baru")
@access.role("pegawai")
def pengajuan_new():
    form = {"tanggal": request.args.get("tanggal", "")[:10],
            "jenis": request.args.get("jenis", "")[:12], "kunci": secrets.token_urlsafe(16)}
    return render("presensi/pengajuan_baru.html", form=form, errors={}, label=pengajuan.LABEL)


@bp.post("/presensi/pengajuan/baru")
@access.role("pegawai")
def pengajuan_kirim():
    values, errors = pengajuan.baca(request.form, request.files)
    kunci = (request.form.get("kunci") or "")[:64] or None
    if errors:
        form = {k: request.form.get(k, "")[:500] for k in
                ("tanggal", "jenis", "jam_datang", "jam_pulang", "alasan")}
        form["kunci"] = kunci or secrets.token_urlsafe(16)
        return render("presensi/pengajuan_baru.html", status=422, form=form, errors=errors,
                      label=pengajuan.LABEL)
    pengajuan.ajukan(current_user.id, values, kunci)
    flash(_("Pengajuan terkirim ke atasan langsung."), "success")
    return redirect(url_for("presensi.saya", bulan=values["tanggal"].strftime("%Y-%m")), 303)


def _readable(pengajuan_id: int) -> PengajuanPresensi:
    p = access.get_or_404(PengajuanPresensi, pengajuan_id)
    access.get_pegawai_readable_or_403(p.pegawai_id)
    return p


@bp.get("/presensi/pengajuan/<int:pengajuan_id>/bukti")
@access.login
def bukti(pengajuan_id: int):
    p = _readable(pengajuan_id)
    if not p.bukti_simpan:
        abort(404)
    response = bukti_files.unduhan(p.bukti_simpan, p.bukti_mime, p.bukti_nama)
    if response is None:
        abort(404)
    return response


@bp.get("/presensi/tim/pengajuan")
@access.role("atasan")
def antrian():
    return render("presensi/antrian.html", daftar=pengajuan.menunggu_tim(current_user.id),
                  label=pengajuan.LABEL)


def _to_decide(pengajuan_id: int) -> PengajuanPresensi:
    p = access.get_or_404(PengajuanPresensi, pengajuan_id)
    access.get_direct_report_or_403(p.pegawai_id)
    return p


@bp.post("/presensi/pengajuan/<int:pengajuan_id>/keputusan")
@access.role("atasan")
def keputusan(pengajuan_id: int):
    p = _to_decide(pengajuan_id)
    refused = pengajuan.putuskan(p, request.form.get("keputusan", ""),
                                 request.form.get("catatan", ""), current_user.id)
    if refused:
        db.session.rollback()
        flash(refused, "error")
    else:
        db.session.commit()
        flash(_("Pengajuan %(nama)s diputuskan.", nama=p.pegawai.nama), "success")
    return redirect_to(url_for("presensi.antrian"))


@bp.post("/presensi/tim/pengajuan")
@access.role("atasan")
def keputusan_massal():
    """Bulk: the same decision for every ticked request, each through `putuskan` after the same
    direct-supervisor check as a single decision."""
    ids = [int(v) for v in request.form.getlist("pilih") if v.isdigit() and len(v) < 10]
    if not ids:
        flash(_("Pilih minimal satu pengajuan."), "error")
        return redirect_to(url_for("presensi.antrian"))
    chosen = [_to_decide(pengajuan_id) for pengajuan_id in ids[:200]]
    answer = konfirmasi.perlu(
        _("Kembalikan %(n)s pengajuan yang dipilih?", n=len(chosen))
        if request.form.get("keputusan") == "kembalikan" else
        _("Setujui %(n)s pengajuan yang dipilih?", n=len(chosen)))
    if answer:
        return answer
    done, refused = 0, []
    for p in chosen:
        reason = pengajuan.putuskan(p, request.form.get("keputusan", ""),
                                    request.form.get("catatan", ""), current_user.id)
        if reason:
            refused.append(f"{p.pegawai.nama} ({p.tanggal:%d-%m}): {reason}")
        else:
            done += 1
    db.session.commit()
    flash(_("%(n)s pengajuan diputuskan.", n=done), "success")
    for line in refused:
        flash(line, "error")
    return redirect_to(url_for("presensi.antrian"))
