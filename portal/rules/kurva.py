"""Kurva distribusi: how the employees' predikat should spread given the organization's own
rating (capaian kinerja organisasi). Warnings only; the Sekda may record a justification.

Every number lives in `KURVA` so an agency can adjust it. A rule is one of:
- ("terbesar", group): that predikat is the largest group (ties allowed)
- ("maks", groups, pct): the predikat in `groups` together are at most pct% of all
- ("min", groups, pct): … at least pct% of all
- ("ada", groups, n): at least n people have one of the predikat in `groups`
"""
from __future__ import annotations

from portal.rules.predikat import PREDIKAT_LABEL

RATING_ORGANISASI_LABEL = {
    "istimewa": "Istimewa",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang",
    "sangat_kurang": "Sangat Kurang",
}

KURVA: dict[str, list[tuple]] = {
    "istimewa": [("terbesar", "sangat_baik"), ("maks", ("sangat_baik",), 70)],
    "baik": [("terbesar", "baik"), ("maks", ("baik",), 70),
             ("ada", ("butuh_perbaikan", "kurang"), 1)],
    "butuh_perbaikan": [("min", ("butuh_perbaikan",), 60), ("maks", ("sangat_baik",), 10)],
    "kurang": [("min", ("kurang",), 60), ("min", ("butuh_perbaikan",), 10),
               ("maks", ("sangat_baik",), 10)],
    "sangat_kurang": [("min", ("sangat_kurang",), 60),
                      ("min", ("kurang", "butuh_perbaikan"), 10),
                      ("maks", ("sangat_baik",), 0)],
}

# When the person rated heads the unit, the unit's rating becomes their rating hasil kerja.
HASIL_KERJA_PIMPINAN = {
    "istimewa": "di_atas",
    "baik": "sesuai",
    "butuh_perbaikan": "di_bawah",
    "kurang": "di_bawah",
    "sangat_kurang": "di_bawah",
}


def _names(groups) -> str:
    return " atau ".join(PREDIKAT_LABEL[g] for g in groups)


def _warning(rule: tuple, counts: dict[str, int], total: int) -> str | None:
    kind = rule[0]
    if kind == "terbesar":
        group = rule[1]
        if any(n > counts.get(group, 0) for g, n in counts.items() if g != group):
            return f"{PREDIKAT_LABEL[group]} seharusnya menjadi kelompok terbesar."
        return None
    groups, limit = rule[1], rule[2]
    n = sum(counts.get(g, 0) for g in groups)
    # Integer arithmetic so that exactly 70% (or 60%, 10%) is on the allowed side.
    if kind == "maks" and n * 100 > limit * total:
        if limit == 0:
            return f"Seharusnya tidak ada pegawai berpredikat {_names(groups)}."
        return f"{_names(groups)} seharusnya paling banyak {limit}% (sekarang {n} dari {total})."
    if kind == "min" and n * 100 < limit * total:
        return f"{_names(groups)} seharusnya paling sedikit {limit}% (sekarang {n} dari {total})."
    if kind == "ada" and n < limit:
        return f"Seharusnya ada paling sedikit {limit} pegawai berpredikat {_names(groups)}."
    return None


def check(org_rating: str | None, counts: dict[str, int]) -> list[str]:
    """Warnings (Indonesian) where the predikat counts break the curve of `org_rating`."""
    total = sum(counts.values())
    if org_rating not in KURVA or total == 0:
        return []
    found = (_warning(rule, counts, total) for rule in KURVA[org_rating])
    return [w for w in found if w]
