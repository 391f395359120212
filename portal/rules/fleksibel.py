"""Flexible work (PermenPANRB 4/2025): WFH (rumah) and WFA (lokasi lain) are open only to seats
marked `fleksibel`, at most `batas` working days per ISO week (Instansi.batas_hari_fleksibel);
days off do not count."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from portal.rules.hari_kerja import hari_minggu

MODE_FLEKSIBEL = ("WFH", "WFA")


def hari_fleksibel(modes: Mapping[date, str], hari_kerja: Callable[[date], bool]) -> int:
    """Number of working days with a flexible mode among `modes`."""
    return sum(1 for day, mode in modes.items() if mode in MODE_FLEKSIBEL and hari_kerja(day))


def melebihi_batas(modes: Mapping[date, str], hari_kerja: Callable[[date], bool],
                   batas: int) -> bool:
    return hari_fleksibel(modes, hari_kerja) > batas


def tolak_mode(mode: str, day: date, *, fleksibel: bool, batas: int,
               modes_minggu: Mapping[date, str],
               hari_kerja: Callable[[date], bool]) -> str | None:
    """Why choosing `mode` on `day` is refused ("tidak_fleksibel", "melebihi_batas"), or None.

    `modes_minggu` holds the modes already recorded in that week (a mode already on `day` is
    replaced by the new choice)."""
    if mode not in MODE_FLEKSIBEL:
        return None
    if not fleksibel:
        return "tidak_fleksibel"
    week = set(hari_minggu(day))
    others = {d: m for d, m in modes_minggu.items() if d in week and d != day}
    if hari_kerja(day) and hari_fleksibel(others, hari_kerja) + 1 > batas:
        return "melebihi_batas"
    return None
