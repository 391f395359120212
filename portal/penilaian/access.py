"""Object lookups of the evaluation (docs/domain.md rights table, row "ratings, objections")."""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from portal import clock, keputusan
from portal.access import can_read_pegawai, deny
from portal.extensions import db
from portal.models import Jabatan, Keberatan, Pegawai, Penilaian, RiwayatJabatan
from portal.orgtree import holder_current


def _penilaian_or_404(penilaian_id: int) -> Penilaian:
    n = db.session.get(Penilaian, penilaian_id)
    if n is None:
        abort(404)
    return n


def may_explain(k: Keberatan) -> bool:
    """The pejabat penilai who gave the rating explains it (never the person rated)."""
    return keputusan.boleh(keputusan.perkara_penjelasan(k))


def may_decide(k: Keberatan) -> bool:
    """The atasan pejabat penilai decides an objection; where that is the kepala daerah (the
    person rated heads an OPD, or is the Sekda) an admin records it, never the person rated nor
    the pejabat penilai whose rating is reviewed (portal.keputusan)."""
    return keputusan.boleh(keputusan.perkara_keberatan(k))


def records_for_kepala_daerah(n: Penilaian) -> bool:
    """The admin reads a rating whose objection she may record for the kepala daerah."""
    return n.keberatan is not None and n.atasan_penilai_id is None and may_decide(n.keberatan)


def get_penilaian_readable_or_403(penilaian_id: int) -> Penilaian:
    """Own rating; the chain above and the Sekda read; the admin reads only what they decide
    on behalf of the kepala daerah."""
    n = _penilaian_or_404(penilaian_id)
    if can_read_pegawai(current_user, n.pegawai) or n.penilai_id == current_user.id:
        return n
    if records_for_kepala_daerah(n):
        return n
    return deny("penilaian", penilaian_id)


def get_own_penilaian_or_403(penilaian_id: int) -> Penilaian:
    n = _penilaian_or_404(penilaian_id)
    if n.pegawai_id != current_user.id:
        deny("bukan penilaian sendiri", penilaian_id)
    return n


def _keberatan_or_404(keberatan_id: int) -> Keberatan:
    k = db.session.get(Keberatan, keberatan_id)
    if k is None:
        abort(404)
    return k


def get_keberatan_penilai_or_403(keberatan_id: int) -> Keberatan:
    """Only the pejabat penilai who gave the rating explains it."""
    k = _keberatan_or_404(keberatan_id)
    if not may_explain(k):
        deny("bukan pejabat penilai", keberatan_id)
    return k


def get_keberatan_pemutus_or_403(keberatan_id: int) -> Keberatan:
    """Only the atasan pejabat penilai decides (the admin for the kepala daerah)."""
    k = _keberatan_or_404(keberatan_id)
    if may_decide(k):
        return k
    return deny("bukan pemutus keberatan ini", keberatan_id)


def get_sekda_for_kepala_daerah_or_403():
    """The Sekda, whose rating the admin records for the kepala daerah; never the Sekda
    himself (with the admin flag)."""
    sekda = sekda_or_404()
    if not keputusan.boleh_kepala_daerah(sekda):
        deny("penilaian kepala daerah", sekda.id)
    return sekda


def sekda_or_404() -> Pegawai:
    """The holder of the root seat today."""
    sekda = db.session.scalar(
        select(Pegawai).join(RiwayatJabatan, RiwayatJabatan.pegawai_id == Pegawai.id)
        .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
        .where(Jabatan.atasan_id.is_(None), holder_current(clock.today())).limit(1))
    if sekda is None:
        abort(404)
    return sekda
