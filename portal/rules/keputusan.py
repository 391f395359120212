"""Separation of duties: who may decide a case (keputusan), the one rule every decision asks.

A case (perkara) is anything waiting for someone's decision: an SKP to approve or return, a
realization to accept or return, a rating to give, an objection to explain or decide, a Plt/Plh
appointment to confirm. The rule, for every one of them:

- the person acting is never the subject (the one whose SKP, realization, rating or TPP it is);
- never the pejabat penilai whose decision is under review (an objection);
- and is the person entitled to decide the case today (the acting supervisor, the atasan pejabat
  penilai, the pejabat penilai for an explanation), or, where the kepala daerah decides (who does
  not log in), an admin who is none of the above records the decision on their behalf.

The single routes, the bulk routes and the inboxes all ask `may_decide`, so none of them can
drift from the others. Plain functions: the facts come from a query elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass

KEPALA_DAERAH = None  # the decider of a case the kepala daerah decides (recorded by an admin)


@dataclass(frozen=True)
class Perkara:
    """A case waiting for a decision.

    subjek_id: whose case it is. pemutus_id: who is entitled to decide it today (KEPALA_DAERAH
    for the kepala daerah's decisions). ditinjau_id: the pejabat penilai whose decision is under
    review, if any.
    """

    subjek_id: int
    pemutus_id: int | None
    ditinjau_id: int | None = None


def conflicted(actor_id: int, perkara: Perkara) -> bool:
    """The actor stands in the case: it is their own, or it reviews their own decision."""
    return actor_id in (perkara.subjek_id, perkara.ditinjau_id)


def may_decide(actor_id: int, actor_is_admin: bool, perkara: Perkara) -> bool:
    """May this person decide this case today (or record the kepala daerah's decision)?"""
    if conflicted(actor_id, perkara):
        return False
    if perkara.pemutus_id is KEPALA_DAERAH:
        return actor_is_admin
    return actor_id == perkara.pemutus_id


# Plt/Plh appointments --------------------------------------------------------------------------

def may_appoint(actor_id: int, actor_is_admin: bool, appointee_id: int) -> bool:
    """An admin appoints a Plt/Plh, never herself."""
    return actor_is_admin and actor_id != appointee_id


def needs_confirmation(seat_has_reports: bool) -> bool:
    """An appointment to a seat with reports (one that decides others' cases) takes effect only
    when a second person confirms it."""
    return seat_has_reports


def may_confirm(actor_id: int, *, actor_is_admin: bool, actor_is_sekda: bool,
                appointed_by_id: int | None, appointee_id: int, seat_is_root: bool,
                sekda_ids: frozenset[int] = frozenset()) -> bool:
    """The second person: the Sekda, or, for the Sekda's own seat, another admin. Never the
    admin who proposed it, never the appointee, and for the Sekda's seat never the Sekda."""
    if actor_id in (appointed_by_id, appointee_id):
        return False
    if seat_is_root:
        return actor_is_admin and actor_id not in sekda_ids
    return actor_is_sekda
