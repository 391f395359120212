"""The predikat matrix cell by cell and the kurva distribusi rule by rule."""
import pytest

from portal.rules import kurva
from portal.rules.predikat import MATRIX, predikat, predikat_label


@pytest.mark.parametrize("hasil, perilaku, expected", [
    ("di_atas", "di_bawah", "Kurang/Misconduct"),
    ("di_atas", "sesuai", "Baik"),
    ("di_atas", "di_atas", "Sangat Baik"),
    ("sesuai", "di_bawah", "Kurang/Misconduct"),
    ("sesuai", "sesuai", "Baik"),
    ("sesuai", "di_atas", "Baik"),
    ("di_bawah", "di_bawah", "Sangat Kurang"),
    ("di_bawah", "sesuai", "Butuh Perbaikan"),
    ("di_bawah", "di_atas", "Butuh Perbaikan"),
])
def test_predikat_cell(hasil, perilaku, expected):
    assert predikat_label(predikat(hasil, perilaku)) == expected


def test_matrix_has_exactly_nine_cells():
    assert len(MATRIX) == 9


def test_unknown_rating_is_refused():
    with pytest.raises(KeyError):
        predikat("luar_biasa", "sesuai")


def test_no_warnings_without_people_or_rating():
    assert kurva.check("baik", {}) == []
    assert kurva.check(None, {"baik": 3}) == []


def test_istimewa_largest_and_at_most_70_percent():
    assert kurva.check("istimewa", {"sangat_baik": 7, "baik": 3}) == []  # exactly 70%
    warnings = kurva.check("istimewa", {"sangat_baik": 8, "baik": 2})
    assert warnings == ["Sangat Baik seharusnya paling banyak 70% (sekarang 8 dari 10)."]
    warnings = kurva.check("istimewa", {"sangat_baik": 2, "baik": 3})
    assert "Sangat Baik seharusnya menjadi kelompok terbesar." in warnings


def test_istimewa_tie_counts_as_largest():
    assert kurva.check("istimewa", {"sangat_baik": 3, "baik": 3}) == []


def test_baik_needs_one_butuh_perbaikan_or_kurang():
    assert kurva.check("baik", {"baik": 7, "sangat_baik": 2, "butuh_perbaikan": 1}) == []
    assert kurva.check("baik", {"baik": 7, "sangat_baik": 2, "kurang": 1}) == []
    warnings = kurva.check("baik", {"baik": 7, "sangat_baik": 3})
    assert warnings == ["Seharusnya ada paling sedikit 1 pegawai berpredikat Butuh Perbaikan "
                        "atau Kurang/Misconduct."]


def test_baik_more_than_70_percent():
    warnings = kurva.check("baik", {"baik": 8, "butuh_perbaikan": 2})
    assert warnings == ["Baik seharusnya paling banyak 70% (sekarang 8 dari 10)."]


def test_butuh_perbaikan_edges():
    assert kurva.check("butuh_perbaikan",
                       {"butuh_perbaikan": 6, "baik": 3, "sangat_baik": 1}) == []  # 60%, 10%
    warnings = kurva.check("butuh_perbaikan", {"butuh_perbaikan": 5, "baik": 3,
                                               "sangat_baik": 2})
    assert warnings == ["Butuh Perbaikan seharusnya paling sedikit 60% (sekarang 5 dari 10).",
                        "Sangat Baik seharusnya paling banyak 10% (sekarang 2 dari 10)."]


def test_kurang_rules():
    assert kurva.check("kurang", {"kurang": 6, "butuh_perbaikan": 1, "baik": 2,
                                  "sangat_baik": 1}) == []
    warnings = kurva.check("kurang", {"kurang": 6, "baik": 4})
    assert warnings == ["Butuh Perbaikan seharusnya paling sedikit 10% (sekarang 0 dari 10)."]


def test_sangat_kurang_rules():
    assert kurva.check("sangat_kurang", {"sangat_kurang": 6, "kurang": 1, "baik": 3}) == []
    warnings = kurva.check("sangat_kurang", {"sangat_kurang": 6, "baik": 3, "sangat_baik": 1})
    assert warnings == [
        "Kurang/Misconduct atau Butuh Perbaikan seharusnya paling sedikit 10% "
        "(sekarang 0 dari 10).",
        "Seharusnya tidak ada pegawai berpredikat Sangat Baik."]


def test_unit_head_mapping():
    assert kurva.HASIL_KERJA_PIMPINAN["istimewa"] == "di_atas"
    assert kurva.HASIL_KERJA_PIMPINAN["baik"] == "sesuai"
    assert {kurva.HASIL_KERJA_PIMPINAN[k] for k in ("butuh_perbaikan", "kurang",
                                                     "sangat_kurang")} == {"di_bawah"}
