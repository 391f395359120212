"""The documents of the portal at stable URLs, each a PDF: the rapor (Dokumen Evaluasi Kinerja
Pegawai), the Dokumen SKP, the riwayat kinerja, the Format Penetapan of a period and a talent
shortlist. What each holds is `jenis.py`; `seal.py` answers a final document from the register
(sealed once, the same bytes ever after) and a draft freshly rendered."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from portal import access, clock
from portal.dokumen import bp, jenis, seal, unduh
from portal.htmx import render
from portal.organisasi import dokumen as daftar_pendek
from portal.penilaian import distribusi, periode
from portal.rapor import services


def _variant():
    """A draft asked for as archival PDF/A-3b (?arsip=1); sealed documents always are."""
    return "pdf/a-3b" if request.args.get("arsip") == "1" else None


@bp.get("/rapor/<nip>/<period>.pdf")
@access.login
def rapor_pdf(nip: str, period: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    resolved, penilaian = unduh.rapor_of(pegawai.id, period)
    if penilaian is None:
        return render("rapor/belum.html", pegawai=pegawai, period=resolved,
                      label=services.periode_kode.label(resolved.kode), status=404)
    return seal.pdf_response(jenis.rapor(pegawai, resolved, penilaian), _variant())


@bp.get("/skp/<nip>/<int:tahun>.pdf")
@access.login
def skp_pdf(nip: str, tahun: int):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    resolved = services.period_or_404(str(tahun))
    skp = services.approved_skp(pegawai.id, resolved.periode.id)
    if skp is None:
        return render("rapor/belum.html", pegawai=pegawai, period=resolved, skp=True,
                      label=str(tahun), status=404)
    return seal.pdf_response(jenis.skp(pegawai, skp, tahun), _variant())


@bp.get("/riwayat/<nip>.pdf")
@access.login
def riwayat_pdf(nip: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    return seal.pdf_response(jenis.riwayat(pegawai, clock.today()), _variant())


@bp.get("/penilaian/organisasi/<kode>/penetapan.pdf")
@access.role("sekda")
def penetapan_pdf(kode: str):
    k = periode.parse_kode(kode)
    whole, rows, context = distribusi.penetapan(k, current_user)
    return seal.pdf_response(jenis.penetapan(k, whole, rows, context))


@bp.get("/talenta/daftar/<int:daftar_id>.pdf")
@access.role("atasan")
def shortlist_pdf(daftar_id: int):
    daftar = access.get_shortlist_or_404(daftar_id)
    context = daftar_pendek.context(daftar, clock.today())
    return seal.pdf_response(jenis.daftar_pendek(daftar, context))
