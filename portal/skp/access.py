"""Object lookups of the plan (SKP), following the rights table of docs/domain.md.

- owner: reads; edits while draf/dikembalikan; submits; asks for a revision.
- direct supervisor (or Plt): reads; approves/returns; writes ekspektasi khusus.
- chain above and the Sekda: read.
- admin: nothing, except recording the kepala daerah's decision on the Sekda's SKP.
- kolaborator: reads the shared RHK only.
"""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from portal import keputusan, orgtree
from portal.access import deny
from portal.access import get_or_404 as _get
from portal.extensions import db
from portal.models import Iki, ProgramPrioritas, Rhk, RhkKolaborator, Skp
from portal.skp.pengajuan import may_decide
from portal.skp.services import EDITABLE, locked_reason


def can_read_skp(skp: Skp) -> bool:
    if skp.pegawai_id == current_user.id or "sekda" in orgtree.roles_of(current_user):
        return True
    return orgtree.is_below(current_user.id, skp.pegawai_id)


def is_direct_supervisor_of(skp: Skp) -> bool:
    """May the person logged in approve or return this SKP (pengajuan.may_decide)?"""
    return may_decide(skp, current_user)


def get_skp_readable_or_403(skp_id: int) -> Skp:
    skp = _get(Skp, skp_id)
    if not can_read_skp(skp):
        deny("skp", skp_id)
    return skp


def get_skp_owned_or_403(skp_id: int) -> Skp:
    skp = _get(Skp, skp_id)
    if skp.pegawai_id != current_user.id:
        deny("skp", skp_id)
    return skp


def get_skp_editable_or_403(skp_id: int) -> Skp:
    """Only the owner, and only while the SKP is a draft or was returned (approved is locked)."""
    skp = get_skp_owned_or_403(skp_id)
    if skp.status not in EDITABLE or locked_reason(skp):
        abort(403)
    return skp


def get_skp_for_approval_or_403(skp_id: int) -> Skp:
    """Only the owner's direct supervisor (or the Plt of that seat). The state is checked by the
    view so that a late click hears that someone acted first."""
    skp = _get(Skp, skp_id)
    if not is_direct_supervisor_of(skp):
        deny("skp persetujuan", skp_id)
    return skp


def get_skp_for_kepala_daerah_or_403(skp_id: int) -> Skp:
    """The admin records the kepala daerah's decision on the Sekda's SKP, and only that; never
    the Sekda himself (with the admin flag)."""
    skp = _get(Skp, skp_id)
    if not keputusan.boleh_kepala_daerah(skp.pegawai):
        deny("skp kepala daerah", skp_id)
    return skp


def get_rhk_readable_or_403(rhk_id: int) -> Rhk:
    """Readers of the SKP, and the RHK's kolaborator (that RHK only)."""
    rhk = _get(Rhk, rhk_id)
    if can_read_skp(rhk.skp):
        return rhk
    shared = db.session.scalar(select(RhkKolaborator.rhk_id).where(
        RhkKolaborator.rhk_id == rhk_id, RhkKolaborator.pegawai_id == current_user.id))
    if shared is None:
        deny("rhk", rhk_id)
    return rhk


def get_rhk_editable_or_403(rhk_id: int) -> Rhk:
    rhk = _get(Rhk, rhk_id)
    get_skp_editable_or_403(rhk.skp_id)
    return rhk


def get_iki_editable_or_403(iki_id: int) -> Iki:
    iki = _get(Iki, iki_id)
    get_rhk_editable_or_403(iki.rhk_id)
    return iki


def get_program_or_404(program_id: int) -> ProgramPrioritas:
    """Programs belong to the region; the route's role decorator already limits it to the Sekda."""
    return _get(ProgramPrioritas, program_id)
