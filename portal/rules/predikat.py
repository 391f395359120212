"""Predikat kinerja: the 3×3 matrix of rating hasil kerja (rows) × rating perilaku kerja
(columns), PermenPANRB 6/2022. The server always computes the predikat from this one table."""
from __future__ import annotations

RATING_LABEL = {
    "di_atas": "Di Atas Ekspektasi",
    "sesuai": "Sesuai Ekspektasi",
    "di_bawah": "Di Bawah Ekspektasi",
}
PREDIKAT_LABEL = {
    "sangat_baik": "Sangat Baik",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang/Misconduct",
    "sangat_kurang": "Sangat Kurang",
}

# (hasil kerja, perilaku kerja) -> predikat
MATRIX: dict[tuple[str, str], str] = {
    ("di_atas", "di_bawah"): "kurang",
    ("di_atas", "sesuai"): "baik",
    ("di_atas", "di_atas"): "sangat_baik",
    ("sesuai", "di_bawah"): "kurang",
    ("sesuai", "sesuai"): "baik",
    ("sesuai", "di_atas"): "baik",
    ("di_bawah", "di_bawah"): "sangat_kurang",
    ("di_bawah", "sesuai"): "butuh_perbaikan",
    ("di_bawah", "di_atas"): "butuh_perbaikan",
}


def predikat(hasil: str, perilaku: str) -> str:
    """The predikat key for two rating keys; KeyError for anything else."""
    return MATRIX[(hasil, perilaku)]


def predikat_label(key: str | None) -> str:
    return PREDIKAT_LABEL.get(key or "", "-")


def rating_label(key: str | None) -> str:
    return RATING_LABEL.get(key or "", "-")
