"""The daftar nominatif of a run per OPD (or the whole run): CSV/XLSX for finance systems and
a PDF with a signature block for the approving official, numbered, signed and kept once the run
is approved (a run in review downloads as a draft)."""
from __future__ import annotations

from flask import abort, request
from sqlalchemy import select

from portal import access, unduh
from portal.dokumen import jenis, seal
from portal.extensions import db
from portal.models import Instansi, Pegawai
from portal.tpp import akses, bp, nominatif
from portal.tpp import run as runs
from portal.tpp.common import opd_pilihan


def _opd() -> tuple[int | None, str]:
    raw = (request.args.get("opd") or "").strip()
    if not raw:
        return None, ""
    names = dict(opd_pilihan())
    if not raw.isdigit() or int(raw) not in names:
        abort(404)
    return int(raw), names[int(raw)]


def _run_for_finance(tpp_run_id: int):
    """Finance exports: the admin and the Sekda (and the approving official)."""
    run = akses.get_run_or_403(tpp_run_id)
    if run.status not in ("tinjau", "disetujui"):
        abort(404)
    return run


@bp.get("/run/<int:tpp_run_id>/nominatif.<fmt>")
@access.login
def nominatif_tabel(tpp_run_id: int, fmt: str):
    if fmt not in unduh.FORMATS:
        abort(404)
    run = _run_for_finance(tpp_run_id)
    opd_id, _nama = _opd()
    name = f"tpp-{run.bulan:%Y-%m}-run{run.id}" + (f"-opd{opd_id}" if opd_id else "")
    return unduh.table(fmt, name, nominatif.header(run), nominatif.rows(run, opd_id),
                       sheet="Daftar nominatif")


@bp.get("/run/<int:tpp_run_id>/nominatif.pdf")
@access.login
def nominatif_pdf(tpp_run_id: int):
    run = _run_for_finance(tpp_run_id)
    opd_id, opd_nama = _opd()
    data = list(nominatif.rows(run, opd_id))
    pid = runs.penyetuju_id(run)
    jumlah = nominatif.jumlah(data, len(nominatif.header(run)))
    context = dict(run=run, rows=data, opd_nama=opd_nama, jumlah=jumlah,
                   header=nominatif.header(run), penyetuju=db.session.get(Pegawai, pid or 0),
                   instansi=db.session.scalar(select(Instansi).limit(1)))
    return seal.pdf_response(jenis.tpp(run, opd_id, opd_nama, context))
