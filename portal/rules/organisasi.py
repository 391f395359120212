"""Rules of the org tree an admin edits: no cycles, eselon only for struktural seats, date
ranges that end on or after they start."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

ESELON_STRUKTURAL = ("I", "II", "III", "IV")


def creates_cycle(node_id: int | None, new_parent_id: int | None,
                  ancestors_of_parent: Iterable[int]) -> bool:
    """True when hanging `node_id` under `new_parent_id` would put it above itself.

    `ancestors_of_parent` are the ids above the new parent (its parent, grandparent, …).
    A node that does not exist yet (None) cannot be part of a cycle."""
    if node_id is None or new_parent_id is None:
        return False
    return new_parent_id == node_id or node_id in set(ancestors_of_parent)


def eselon_error(jenis: str, eselon: str | None) -> str | None:
    """Struktural seats carry an eselon I–IV; fungsional and pelaksana seats carry none."""
    if jenis == "struktural":
        if eselon not in ESELON_STRUKTURAL:
            return "Jabatan struktural wajib memiliki eselon I–IV."
        return None
    if eselon:
        return "Eselon hanya untuk jabatan struktural."
    return None


def range_error(mulai: date | None, selesai: date | None) -> str | None:
    if mulai and selesai and selesai < mulai:
        return "Tanggal selesai tidak boleh sebelum tanggal mulai."
    return None
