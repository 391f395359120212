"""Documents: the rapor (Dokumen Evaluasi Kinerja Pegawai), the Dokumen SKP and the track record
(riwayat kinerja), as stable URLs. Prestasi and batch ZIP views share this blueprint."""
from __future__ import annotations

from flask import Blueprint, current_app, make_response, request
from flask_babel import gettext as _

from portal import access, clock
from portal.batas_waktu import WaktuHabis
from portal.errors import render_error
from portal.extensions import db
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


def _dokumen(template: str, filename: str, **context):
    """Render a document, or tell the person plainly why not: a render that fails or runs past
    PDF_TIME_LIMIT is logged and answered 503, and this worker serves the next request."""
    try:
        data = render_pdf(template, pdf_variant=_variant(), **context)
    except WaktuHabis as exc:
        db.session.rollback()
        current_app.logger.warning("PDF %s: %s", filename, exc)
        return render_error(503, _("%(pesan)s Coba lagi nanti, atau unduh rapor sebagai ZIP "
                                   "dari menu Unduhan.", pesan=str(exc)))
    except Exception:
        db.session.rollback()
        current_app.logger.exception("PDF %s gagal", filename)
        return render_error(503, _("Dokumen PDF tidak dapat dibuat saat ini. Data Anda aman; "
                                   "coba lagi beberapa saat lagi."))
    return _pdf_response(data, filename)


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
    return _dokumen("pdf/rapor.html", f"rapor-{pegawai.nip}-{resolved.code}.pdf",
                    **services.rapor_context(pegawai, resolved, penilaian))


@bp.get("/skp/<nip>/<int:tahun>.pdf")
@access.login
def skp_pdf(nip: str, tahun: int):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    resolved = services.period_or_404(str(tahun))
    skp = services.approved_skp(pegawai.id, resolved.periode.id)
    if skp is None:
        return render("rapor/belum.html", pegawai=pegawai, period=resolved, skp=True,
                      label=str(tahun), status=404)
    return _dokumen("pdf/skp.html", f"skp-{pegawai.nip}-{tahun}.pdf",
                    **services.skp_context(pegawai, skp))


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

    return _dokumen("pdf/riwayat.html", f"riwayat-kinerja-{pegawai.nip}.pdf",
                    ident=block(pegawai, orgtree.current_seat(pegawai.id)),
                    dicetak=tanggal_indonesia(clock.today()), **context)


from portal.rapor import batch_routes, prestasi_routes  # noqa: E402,F401  (same blueprint)
