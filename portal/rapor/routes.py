"""Documents: the rapor (Dokumen Evaluasi Kinerja Pegawai), the Dokumen SKP and the track record
(riwayat kinerja), as stable URLs. Prestasi and batch ZIP views share this blueprint."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, make_response, request

from portal import access
from portal.htmx import render
from portal.pdf import render_pdf
from portal.rapor import services
from portal.rapor.identitas import block
from portal.rules.tanggal import tanggal_indonesia

bp = Blueprint("rapor", __name__)


def _pdf_response(data: bytes, filename: str):
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _variant():
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
    data = render_pdf("pdf/rapor.html", pdf_variant=_variant(),
                      **services.rapor_context(pegawai, resolved, penilaian))
    return _pdf_response(data, f"rapor-{pegawai.nip}-{resolved.code}.pdf")


@bp.get("/skp/<nip>/<int:tahun>.pdf")
@access.login
def skp_pdf(nip: str, tahun: int):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    resolved = services.period_or_404(str(tahun))
    skp = services.approved_skp(pegawai.id, resolved.periode.id)
    if skp is None:
        return render("rapor/belum.html", pegawai=pegawai, period=resolved, skp=True,
                      label=str(tahun), status=404)
    data = render_pdf("pdf/skp.html", pdf_variant=_variant(),
                      **services.skp_context(pegawai, skp))
    return _pdf_response(data, f"skp-{pegawai.nip}-{tahun}.pdf")


@bp.get("/riwayat/<nip>")
@access.login
def riwayat(nip: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    return render("rapor/riwayat.html", **services.riwayat_context(pegawai))


@bp.get("/riwayat/<nip>.pdf")
@access.login
def riwayat_pdf(nip: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    context = services.riwayat_context(pegawai)
    from portal import orgtree

    data = render_pdf("pdf/riwayat.html", pdf_variant=_variant(),
                      ident=block(pegawai, orgtree.current_seat(pegawai.id)),
                      dicetak=tanggal_indonesia(date.today()), **context)
    return _pdf_response(data, f"riwayat-kinerja-{pegawai.nip}.pdf")


from portal.rapor import batch_routes, prestasi_routes  # noqa: E402,F401  (same blueprint)
