"""What the SKP views share: the SKP page URL, reordering rows, the stale-data message."""
from __future__ import annotations

from flask import url_for

from portal.locking import STALE  # noqa: F401  (the one stale-data message)


def skp_url(skp_id: int, anchor: str | None = None) -> str:
    return url_for("skp.lihat", skp_id=skp_id, _anchor=anchor)


def move(rows: list, item, arah: str | None) -> None:
    """Swap an item with its neighbour; renumber so positions stay 0..n-1."""
    rows.sort(key=lambda r: (r.urutan, r.id))
    i = rows.index(item)
    j = i - 1 if arah == "naik" else i + 1 if arah == "turun" else i
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
    for n, row in enumerate(rows):
        if row.urutan != n:
            row.urutan = n
