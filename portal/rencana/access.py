"""Object lookups of rencana aksi and verification (docs/domain.md rights table): the owner edits
rencana aksi while the month is open; the direct supervisor (or Plt) verifies entries; the
chain above and the Sekda read."""
from __future__ import annotations

from flask_login import current_user

from portal import orgtree
from portal.access import MAX_ID, deny, get_or_404, get_pegawai_or_404
from portal.extensions import db
from portal.models import ProgresHarian, RencanaAksi, Rhk, Skp
from portal.skp.access import get_skp_readable_or_403


def get_skp_rencana_readable_or_403(skp_id: int) -> Skp:
    """The SKP whose rencana aksi are shown: its readers (owner, chain above, Sekda)."""
    return get_skp_readable_or_403(skp_id)


def get_skp_rencana_owned_or_403(skp_id: int) -> Skp:
    """Only the owner plans, and only on an approved SKP (rencana aksi break approved RHK)."""
    skp = get_or_404(Skp, skp_id)
    if skp.pegawai_id != current_user.id or skp.status != "disetujui":
        deny("skp rencana aksi", skp_id)
    return skp


def get_rhk_for_rencana_or_403(skp: Skp, rhk_id) -> Rhk:
    """An RHK of this SKP that is not archived."""
    rhk = db.session.get(Rhk, rhk_id) if isinstance(rhk_id, int) and 0 < rhk_id <= MAX_ID \
        else None
    if rhk is None or rhk.skp_id != skp.id or rhk.diarsipkan:
        deny("rhk rencana aksi", rhk_id or 0)
    return rhk


def get_rencana_own_or_403(ra_id: int) -> RencanaAksi:
    ra = get_or_404(RencanaAksi, ra_id)
    if ra.pegawai_id != current_user.id:
        deny("rencana aksi", ra_id)
    return ra


def get_entri_to_verify_or_403(entri_id: int) -> ProgresHarian:
    """Only the author's direct supervisor (or Plt) decides, never on their own entry."""
    entri = get_or_404(ProgresHarian, entri_id)
    if entri.pegawai_id == current_user.id or \
            not orgtree.is_direct_supervisor(current_user.id, get_pegawai_or_404(entri.pegawai_id)):
        deny("verifikasi entri", entri_id)
    return entri
