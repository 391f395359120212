"""Documents: the rapor (Dokumen Evaluasi Kinerja Pegawai), the Dokumen SKP and the track record
(riwayat kinerja), as stable URLs. Prestasi and batch ZIP views share this blueprint."""
from __future__ import annotations

from portal import access
from portal.htmx import render
from portal.rapor import bp, services


@bp.get("/riwayat/<nip>")
@access.login
def riwayat(nip: str):
    pegawai = access.get_pegawai_by_nip_readable_or_403(nip)
    return render("rapor/riwayat.html", **services.riwayat_context(pegawai))
