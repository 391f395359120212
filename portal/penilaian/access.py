"""Object lookups of the evaluation (domain.md rights table, row "ratings, objections")."""
from __future__ import annotations

from flask import abort, current_app
from flask_login import current_user

from portal.access import can_read_pegawai
from portal.extensions import db
from portal.models import Keberatan, Penilaian


def _penilaian_or_404(penilaian_id: int) -> Penilaian:
    n = db.session.get(Penilaian, penilaian_id)
    if n is None:
        abort(404)
    return n


def _deny(what: str, object_id: int):
    current_app.logger.warning("akses ditolak (%s): %s -> %s", what, current_user.nip, object_id)
    abort(403)


def decides_for_kepala_daerah(n: Penilaian) -> bool:
    """An admin records objection decisions where the atasan pejabat penilai is the kepala
    daerah (the person rated heads an OPD, or is the Sekda)."""
    return n.atasan_penilai_id is None and current_user.is_admin


def get_penilaian_readable_or_403(penilaian_id: int) -> Penilaian:
    """Own rating; the chain above and the Sekda read; the admin reads only what they decide
    on behalf of the kepala daerah."""
    n = _penilaian_or_404(penilaian_id)
    if can_read_pegawai(current_user, n.pegawai) or n.penilai_id == current_user.id:
        return n
    if decides_for_kepala_daerah(n) and n.keberatan is not None:
        return n
    return _deny("penilaian", penilaian_id)


def get_own_penilaian_or_403(penilaian_id: int) -> Penilaian:
    n = _penilaian_or_404(penilaian_id)
    if n.pegawai_id != current_user.id:
        _deny("bukan penilaian sendiri", penilaian_id)
    return n


def _keberatan_or_404(keberatan_id: int) -> Keberatan:
    k = db.session.get(Keberatan, keberatan_id)
    if k is None:
        abort(404)
    return k


def get_keberatan_penilai_or_403(keberatan_id: int) -> Keberatan:
    """Only the pejabat penilai who gave the rating explains it."""
    k = _keberatan_or_404(keberatan_id)
    if k.penilaian.penilai_id != current_user.id:
        _deny("bukan pejabat penilai", keberatan_id)
    return k


def get_keberatan_pemutus_or_403(keberatan_id: int) -> Keberatan:
    """Only the atasan pejabat penilai decides (the admin for the kepala daerah)."""
    k = _keberatan_or_404(keberatan_id)
    n = k.penilaian
    if n.atasan_penilai_id == current_user.id or decides_for_kepala_daerah(n):
        return k
    return _deny("bukan atasan pejabat penilai", keberatan_id)
