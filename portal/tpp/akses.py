"""Object-level lookups of the TPP area (rights table, docs/domain.md): the admin starts runs and
exports them, the approving official (the Sekda unless the version names another) approves,
the Sekda reads every run; a person's amount is read by the person, the chain above and the
Sekda."""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from portal import access
from portal.extensions import db
from portal.models import Jabatan, TppAturan, TppCatatan, TppRun
from portal.tpp import run as runs


def penyetuju_mana_pun(pegawai_id: int) -> bool:
    return db.session.scalar(select(TppAturan.id).where(
        TppAturan.penyetuju_id == pegawai_id).limit(1)) is not None


def boleh_lihat_run() -> bool:
    return (access.has_role("admin") or access.has_role("sekda")
            or penyetuju_mana_pun(current_user.id))


def require_run_reader() -> None:
    if not boleh_lihat_run():
        abort(403)


def get_run_or_403(run_id: int) -> TppRun:
    """Admin and Sekda read every run; a named approver the runs they approve."""
    run = access.get_or_404(TppRun, run_id)
    if access.has_role("admin") or access.has_role("sekda"):
        return run
    if runs.penyetuju_id(run) == current_user.id:
        return run
    abort(403)


def get_run_to_approve_or_403(run_id: int) -> TppRun:
    run = access.get_or_404(TppRun, run_id)
    if runs.penyetuju_id(run) != current_user.id:
        abort(403)
    return run


def get_jabatan_or_404(jabatan_id: int) -> Jabatan:
    return access.get_or_404(Jabatan, jabatan_id)


def get_catatan_or_404(catatan_id: int) -> TppCatatan:
    return access.get_or_404(TppCatatan, catatan_id)


def get_aturan_or_404(aturan_id: int) -> TppAturan:
    return access.get_or_404(TppAturan, aturan_id)
