"""Admin object lookups. The admin edits every org and people object (docs/domain.md rights
table), so a lookup only has to find the object: a missing or impossible id is a 404."""
from __future__ import annotations

from portal.access import get_or_404 as _get_or_404
from portal.models import (
    HariLibur,
    Jabatan,
    Ketidakhadiran,
    Periode,
    PltJabatan,
    UnitKerja,
)


def get_unit_or_404(unit_id: int) -> UnitKerja:
    return _get_or_404(UnitKerja, unit_id)


def get_jabatan_or_404(jabatan_id: int) -> Jabatan:
    return _get_or_404(Jabatan, jabatan_id)


def get_plt_or_404(plt_id: int) -> PltJabatan:
    return _get_or_404(PltJabatan, plt_id)


def get_periode_or_404(periode_id: int) -> Periode:
    return _get_or_404(Periode, periode_id)


def get_libur_or_404(libur_id: int) -> HariLibur:
    return _get_or_404(HariLibur, libur_id)


def get_ketidakhadiran_or_404(ketidakhadiran_id: int) -> Ketidakhadiran:
    return _get_or_404(Ketidakhadiran, ketidakhadiran_id)
