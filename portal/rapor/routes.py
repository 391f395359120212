"""Documents: the rapor (Dokumen Evaluasi Kinerja Pegawai), the Dokumen SKP and the track record
(riwayat kinerja), as stable URLs. Prestasi and batch ZIP views share this blueprint."""
from __future__ import annotations

from flask import request

from portal import access, clock
from portal.dokumen import jenis, seal
from portal.htmx import render
from portal.rapor import bp, services


def _variant():
    """A draft asked for as archival PDF/A-3b (?arsip=1); sealed documents always are."""
    return "pdf/a-3b" if request.args.get("arsip") == "1" else None


@bp.get("/rapor/<nip>/<period>.pdf")
@access.login
def rapor_pdf(nip: str, period: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    resolved = services.period_or_404(period)
    penilaian = services.penilaian_of(pegawai.id, resolved)
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


@bp.get("/riwayat/<nip>")
@access.login
def riwayat(nip: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    return render("rapor/riwayat.html", **services.riwayat_context(pegawai))


@bp.get("/riwayat/<nip>.pdf")
@access.login
def riwayat_pdf(nip: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    return seal.pdf_response(jenis.riwayat(pegawai, clock.today()), _variant())
