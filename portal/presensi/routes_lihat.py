"""Reading discipline: the employee's month, a person's month for the chain above, the team
month and today's board, the figures per OPD and the month's rekap sheet."""
from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from portal import access, clock, downloads
from portal.htmx import render
from portal.presensi import angka, bp, catat, lembar, pengajuan, tim
from portal.presensi.common import bulan_dari, sel, tetangga
from portal.presensi.rekap import rekap_bulan, ringkas


def _bulan_orang(pegawai, template="presensi/saya.html"):
    tahun, bulan = bulan_dari(request.args.get("bulan"))
    hari = rekap_bulan([pegawai.id], tahun, bulan)[pegawai.id]
    return render(template, pegawai=pegawai, hari=hari, jumlah=ringkas(hari), tahun=tahun,
                  bulan=bulan, tetangga=tetangga(tahun, bulan), sel=sel,
                  pengajuan=pengajuan.milik(pegawai.id, tahun, bulan), label=pengajuan.LABEL,
                  sendiri=pegawai.id == current_user.id,
                  hari_ini=catat.keadaan(pegawai.id) if pegawai.id == current_user.id else None)


@bp.get("/presensi/saya")
@access.role("pegawai")
def saya():
    return _bulan_orang(current_user)


@bp.get("/presensi/pegawai/<int:pegawai_id>")
@access.login
def pegawai(pegawai_id: int):
    return _bulan_orang(access.get_pegawai_readable_or_403(pegawai_id))


@bp.get("/presensi/tim")
@access.role("atasan")
def tim_bulan():
    tahun, bulan = bulan_dari(request.args.get("bulan"))
    saring = request.args.get("saring", "")[:10]
    q = request.args.get("q", "").strip()[:100]
    rows = tim.bulan_tim(current_user.id, tahun, bulan, saring=saring, q=q)
    days = rows[0].hari if rows else []
    return render("presensi/tim.html", "presensi/_tim_tabel.html", rows=rows, days=days,
                  tahun=tahun, bulan=bulan, saring=saring, q=q, tetangga=tetangga(tahun, bulan),
                  sel=sel, menunggu=len(pengajuan.menunggu_tim(current_user.id)))


@bp.get("/presensi/tim/hari-ini")
@access.role("atasan")
def papan():
    return render("presensi/papan.html", rows=tim.papan_hari_ini(current_user.id),
                  today=clock.today())


def _scope() -> int | None:
    """Sekda and admin see every OPD; an atasan the people below."""
    if access.has_role("sekda") or access.has_role("admin"):
        return None
    return current_user.id


@bp.get("/presensi/angka")
@access.any_role("sekda", "atasan")
def angka_opd():
    tahun, bulan = bulan_dari(request.args.get("bulan"))
    viewer = None if access.has_role("sekda") else current_user.id
    return render("presensi/angka.html", data=angka.per_opd(viewer, tahun, bulan), tahun=tahun,
                  bulan=bulan, tetangga=tetangga(tahun, bulan), persen=angka.persen)


@bp.get("/presensi/rekap.<fmt>")
@access.any_role("sekda", "admin", "atasan")
def rekap_download(fmt: str):
    if fmt not in downloads.FORMATS:
        abort(404)
    tahun, bulan = bulan_dari(request.args.get("bulan"))
    opd = request.args.get("opd", "")
    opd_id = int(opd) if opd.isdigit() and len(opd) < 10 else None
    rows = lembar.baris(tahun, bulan, opd_id, _scope())
    return downloads.table(fmt, f"rekap-presensi-{tahun}-{bulan:02d}", lembar.HEADER, rows,
                       sheet="Rekap presensi")

