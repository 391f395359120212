"""When a document is final (sealed) and what a public page may say about a group.

A rapor is final when its period is closed and the rating is settled: the person accepted it,
or their objection was decided. An objection still waiting keeps it a draft, even if the person
had accepted before objecting.
"""
from __future__ import annotations

MIN_KELOMPOK = 5  # figures about fewer people than this are never shown on public pages
KECIL = "< 5"


def rapor_final(period_closed: bool, diterima: bool, keberatan_diajukan: bool,
                keberatan_diputuskan: bool) -> bool:
    if not period_closed:
        return False
    if keberatan_diajukan:
        return keberatan_diputuskan
    return diterima


def angka_publik(jumlah: int, nilai: str | int | float | None = None):
    """A figure about `jumlah` people as a public page may show it: the figure (or the count
    itself), or "< 5" when the group is smaller than MIN_KELOMPOK."""
    if jumlah < MIN_KELOMPOK:
        return KECIL
    return jumlah if nilai is None else nilai


def persen(bagian: int, dari: int) -> float | None:
    """Share in percent, one decimal, or None without a base."""
    if dari <= 0:
        return None
    return round(100.0 * bagian / dari, 1)


def sebaran_publik(counts: dict[str, int], keys) -> dict[str, int | str]:
    """Counts per category for a public page: each under MIN_KELOMPOK as "< 5"; when exactly
    one is hidden next to a total that is shown, the next smallest is hidden too, so the hidden
    one cannot be worked out by subtraction."""
    shown = {key: angka_publik(counts.get(key, 0)) for key in keys}
    hidden = [key for key, v in shown.items() if v == KECIL]
    if len(hidden) == 1 and sum(counts.values()) >= MIN_KELOMPOK and len(shown) > 1:
        others = sorted((counts.get(key, 0), key) for key in shown if key not in hidden)
        shown[others[0][1]] = KECIL
    return shown
