"""The monthly run: started by the admin (instansi or one OPD), watched with a progress bar,
reviewed with its anomalies, approved by the approving official, corrected with a reason."""
from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import access, jobs, konfirmasi
from portal.extensions import db
from portal.htmx import redirect_to, render
from portal.models import TppHasil
from portal.tpp import akses, bp
from portal.tpp import run as runs
from portal.tpp.common import nama_bulan, opd_pilihan
from portal.tpp.formulir import bulan
from portal.web import page_number

PER_HALAMAN = 50


@bp.route("/run", methods=["GET", "POST"])
@access.login
def run_list():
    akses.require_run_reader()
    error = None
    if request.method == "POST":
        if not access.has_role("admin"):
            abort(403)  # only the admin starts runs; the others read them
        pilih = bulan(request.form.get("bulan") or "")
        opd = (request.form.get("opd") or "").strip()
        opd_id = int(opd) if opd.isdigit() and int(opd) in dict(opd_pilihan()) else None
        if pilih is None or (opd and opd_id is None):
            error = _("Pilih bulan dan cakupan yang tersedia.")
        else:
            try:
                run = runs.mulai(pilih, opd_id, current_user.id,
                                 (request.form.get("alasan") or "")[:1000])
                flash(_("Perhitungan TPP dimulai."), "success")
                return redirect_to(url_for("tpp.run_detail", tpp_run_id=run.id))
            except runs.RunDitolak as exc:
                db.session.rollback()
                error = str(exc)
    jobs.mark_stale()
    return render("tpp/run_list.html", status=422 if error else 200, error=error,
                  rows=runs.daftar(), opds=opd_pilihan(), bulan_ini=runs.bulan_ini(),
                  admin=access.has_role("admin"))


@bp.get("/run/<int:tpp_run_id>")
@access.login
def run_detail(tpp_run_id: int):
    runs.sedang_berjalan()  # brings a run whose worker died to "gagal"
    db.session.commit()
    run = akses.get_run_or_403(tpp_run_id)
    hal = page_number(request.args.get("hal"))
    rows = db.session.scalars(select(TppHasil).where(TppHasil.run_id == run.id)
                              .order_by(TppHasil.nama, TppHasil.id).limit(PER_HALAMAN)
                              .offset((hal - 1) * PER_HALAMAN)).all() if run.status != \
        "berjalan" else []
    return render("tpp/run.html", "tpp/_run_status.html", run=run, rows=rows, hal=hal,
                  per=PER_HALAMAN, opd=runs.total_opd(run) if run.status != "berjalan" else [],
                  penyetuju=runs.penyetuju_id(run), admin=access.has_role("admin"),
                  baca_pegawai=access.has_role("sekda"),
                  sendiri=runs.memuat(run, runs.penyetuju_id(run) or 0))


def _aksi(run, action, berhasil: str, tanya: str | None = None, syarat=lambda: None):
    """Do `action` on the run, then back to its page saying what happened (or why not). A
    consequential one is first checked (`syarat` raises the refusal) and then asked (`tanya`)."""
    try:
        syarat()
        answer = konfirmasi.perlu(tanya) if tanya else None
        if answer:
            return answer
        action()
        db.session.commit()
        flash(berhasil, "success")
    except runs.RunDitolak as exc:
        db.session.rollback()
        flash(str(exc), "error")
    return redirect_to(url_for("tpp.run_detail", tpp_run_id=run.id))


@bp.post("/run/<int:tpp_run_id>/setujui")
@access.login
def run_setujui(tpp_run_id: int):
    run = akses.get_run_to_approve_or_403(tpp_run_id)
    return _aksi(run, lambda: runs.setujui(run, current_user.id),
                 _("Perhitungan TPP disetujui dan dikunci."),
                 _("Setujui dan kunci perhitungan TPP %(b)s? Setelah itu hanya perhitungan "
                   "koreksi yang dapat mengubahnya.", b=nama_bulan(run.bulan)),
                 lambda: runs.syarat_setujui(run, current_user.id))


@bp.post("/run/<int:tpp_run_id>/sahkan")
@access.role("admin")
def run_sahkan(tpp_run_id: int):
    """The admin records the kepala daerah's approval of the approving official's own amount."""
    run = akses.get_run_or_403(tpp_run_id)
    return _aksi(run, lambda: runs.sahkan_sendiri(run, runs.penyetuju_id(run) or 0,
                                                  current_user.id),
                 _("Persetujuan kepala daerah atas TPP pejabat penyetuju dicatat."),
                 _("Catat persetujuan kepala daerah atas TPP pejabat penyetuju %(b)s?",
                   b=nama_bulan(run.bulan)), lambda: runs.syarat_sahkan(run))


@bp.post("/run/<int:tpp_run_id>/ulang")
@access.role("admin")
def run_ulang(tpp_run_id: int):
    run = akses.get_run_or_403(tpp_run_id)
    return _aksi(run, lambda: runs.ulangi(run), _("Perhitungan diulang."))
