"""Who may decide a case today: the facts of a case (perkara) from the org tree and the stored
rating, then the one rule of `portal.rules.keputusan`.

Every decision asks here, whether it comes from a single route, a bulk route or an inbox: SKP
approve/return (also "atas nama Kepala Daerah"), realization accept/return, ratings (also the
Sekda's, recorded for the kepala daerah), objection explanations and decisions, ekspektasi
khusus and prestasi verification.
"""
from __future__ import annotations

from datetime import date

from flask import g, has_request_context
from flask_login import current_user

from portal import orgtree
from portal.models import Keberatan, Pegawai
from portal.rules.keputusan import KEPALA_DAERAH, Perkara, may_decide

NOBODY = 0  # no pegawai has this id: a case nobody in the portal may decide


def _atasan_id(subjek: Pegawai, on: date | None) -> int | None:
    """The acting supervisor of the subject today, KEPALA_DAERAH for the root seat's holder,
    NOBODY without a seat; asked once per person and request (an inbox asks for many)."""
    cache = g.setdefault("_pemutus", {}) if has_request_context() and on is None else {}
    if subjek.id not in cache:
        seat = orgtree.current_seat(subjek.id, on)
        if seat is None:
            cache[subjek.id] = NOBODY
        elif seat.atasan_id is None:
            cache[subjek.id] = KEPALA_DAERAH
        else:
            boss = orgtree.atasan_of(subjek, on)
            cache[subjek.id] = boss.id if boss is not None else NOBODY
    return cache[subjek.id]


def perkara_atasan(subjek: Pegawai, on: date | None = None,
                   kepala_daerah: bool = False) -> Perkara:
    """A case of the subject's own supervisor: their SKP, realization, rating, prestasi. The
    Sekda's supervisor is the kepala daerah, whose decisions are recorded only through the
    routes made for that (`kepala_daerah=True`: approving the Sekda's SKP, rating the Sekda);
    elsewhere nobody decides the Sekda's cases."""
    pemutus = _atasan_id(subjek, on)
    if pemutus is KEPALA_DAERAH and not kepala_daerah:
        pemutus = NOBODY
    return Perkara(subjek.id, pemutus)


def perkara_keberatan(k: Keberatan) -> Perkara:
    """Deciding an objection: the atasan pejabat penilai (the kepala daerah where none is
    recorded), never the person rated, never the pejabat penilai whose rating is reviewed."""
    n = k.penilaian
    pemutus = n.atasan_penilai_id if n.atasan_penilai_id is not None else KEPALA_DAERAH
    return Perkara(n.pegawai_id, pemutus, ditinjau_id=n.penilai_id)


def perkara_penjelasan(k: Keberatan) -> Perkara:
    """Explaining a rating under objection: the pejabat penilai who gave it."""
    n = k.penilaian
    return Perkara(n.pegawai_id, n.penilai_id if n.penilai_id is not None else NOBODY)


def boleh(perkara: Perkara, actor: Pegawai | None = None) -> bool:
    """May `actor` (default: the person logged in) decide the case?"""
    actor = actor if actor is not None else current_user
    return may_decide(actor.id, bool(actor.is_admin), perkara)


def boleh_atasan(subjek: Pegawai, actor: Pegawai | None = None) -> bool:
    """May `actor` decide the subject's SKP, realization, rating or prestasi as their acting
    supervisor?"""
    return boleh(perkara_atasan(subjek), actor)


def boleh_kepala_daerah(subjek: Pegawai, actor: Pegawai | None = None) -> bool:
    """May `actor` record the kepala daerah's decision on the subject's SKP or rating?"""
    perkara = perkara_atasan(subjek, kepala_daerah=True)
    return untuk_kepala_daerah(perkara) and boleh(perkara, actor)


def untuk_kepala_daerah(perkara: Perkara) -> bool:
    """The case is the kepala daerah's (an admin records it on their behalf)."""
    return perkara.pemutus_id is KEPALA_DAERAH
