"""Separation of duties as a plain rule (portal/rules/keputusan.py)."""
from __future__ import annotations

import pytest

from portal.rules.keputusan import (
    KEPALA_DAERAH,
    Perkara,
    may_appoint,
    may_confirm,
    may_decide,
    needs_confirmation,
)

SUBJEK, ATASAN, PENILAI, ADMIN, LAIN = 1, 2, 3, 4, 5


@pytest.mark.parametrize("actor, is_admin, expected", [
    (ATASAN, False, True),    # the acting supervisor decides
    (ATASAN, True, True),     # an admin flag changes nothing for her own reports
    (SUBJEK, False, False),   # never one's own case
    (LAIN, False, False),
    (ADMIN, True, False),     # an admin decides only for the kepala daerah
])
def test_the_entitled_person_decides(actor, is_admin, expected):
    assert may_decide(actor, is_admin, Perkara(SUBJEK, ATASAN)) is expected


def test_the_subject_never_decides_even_when_entitled():
    """A Plt of one's own supervisor's seat is still the subject."""
    assert not may_decide(SUBJEK, True, Perkara(SUBJEK, SUBJEK))


@pytest.mark.parametrize("actor, is_admin, expected", [
    (ADMIN, True, True),      # an admin records the kepala daerah's decision
    (LAIN, False, False),     # only an admin
    (SUBJEK, True, False),    # the admin whose own objection it is
    (PENILAI, True, False),   # the Sekda with the admin flag, whose rating is reviewed
])
def test_kepala_daerah_decisions_are_recorded_by_an_uninvolved_admin(actor, is_admin, expected):
    perkara = Perkara(SUBJEK, KEPALA_DAERAH, ditinjau_id=PENILAI)
    assert may_decide(actor, is_admin, perkara) is expected


def test_the_reviewed_pejabat_penilai_never_decides_the_review():
    assert not may_decide(PENILAI, False, Perkara(SUBJEK, PENILAI, ditinjau_id=PENILAI))


def test_an_admin_never_appoints_herself():
    assert may_appoint(ADMIN, True, LAIN)
    assert not may_appoint(ADMIN, True, ADMIN)
    assert not may_appoint(LAIN, False, SUBJEK)


def test_a_seat_with_reports_waits_for_a_second_person():
    assert needs_confirmation(True) and not needs_confirmation(False)


SEKDA, ADMIN2 = 6, 7


@pytest.mark.parametrize("actor, admin, sekda, root, expected", [
    (SEKDA, False, True, False, True),    # the Sekda confirms an ordinary seat
    (ADMIN2, True, False, False, False),  # another admin does not, below the Sekda
    (ADMIN, True, True, False, False),    # never the one who proposed it
    (LAIN, False, True, False, False),    # never the appointee (LAIN, as a Plh of the root)
    (ADMIN2, True, False, True, True),    # the Sekda's own seat: another admin confirms
    (SEKDA, True, True, True, False),     # ... never the Sekda, even with the admin flag
    (SEKDA, False, True, True, False),
])
def test_who_confirms_a_plt(actor, admin, sekda, root, expected):
    assert may_confirm(actor, actor_is_admin=admin, actor_is_sekda=sekda, appointed_by_id=ADMIN,
                       appointee_id=LAIN, seat_is_root=root,
                       sekda_ids=frozenset({SEKDA})) is expected
