"""The kepala daerah rates the Sekda but does not log in: the admin records that rating on their
behalf (domain.md), marked "atas nama Kepala Daerah" in the audit trail."""
from __future__ import annotations

from flask import abort, url_for
from sqlalchemy import select

from portal import access, clock
from portal.extensions import db
from portal.models import Jabatan, Pegawai, RiwayatJabatan
from portal.orgtree import holder_current
from portal.penilaian.access import get_sekda_for_kepala_daerah_or_403
from portal.penilaian.periode import parse_kode
from portal.penilaian.routes import bp, rating_view
from portal.penilaian.services import KEPALA_DAERAH


def sekda_or_404() -> Pegawai:
    """The holder of the root seat today."""
    sekda = db.session.scalar(
        select(Pegawai).join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
        .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
        .where(Jabatan.atasan_id.is_(None), holder_current(clock.today())).limit(1))
    if sekda is None:
        abort(404)
    return sekda


@bp.route("/kepala-daerah/<kode>", methods=["GET", "POST"])
@access.role("admin")
def nilai_sekda(kode: str):
    k = parse_kode(kode)
    url = url_for("penilaian.nilai_sekda", kode=k.teks)
    return rating_view(k, get_sekda_for_kepala_daerah_or_403(), penilai=None,
                       atas_nama=KEPALA_DAERAH, action=url, back=url)
