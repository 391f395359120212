"""Plain rules of issued documents: number patterns, NIP masking, finality, public figures."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.rules import dokumen, nomor_dokumen


@pytest.mark.parametrize("pola, expected", [
    ("800/KIN/{tahun}/{nomor:6}", "800/KIN/2026/000123"),
    ("{nomor}/{jenis}/{romawi}/{tahun}", "123/RPR/III/2026"),
    ("KIN-{bulan}.{nomor:2}", "KIN-03.123"),
])
def test_numbers_follow_the_pattern(pola, expected):
    assert nomor_dokumen.pola_error(pola) is None
    assert nomor_dokumen.nomor(pola, "rapor", 2026, 3, 123) == expected


def test_prefix_is_the_counter_of_a_year_and_kind():
    pola = "800/{jenis}/{tahun}/{nomor:6}"
    assert nomor_dokumen.awalan(pola, "skp", 2026, 5) == "800/SKP/2026/{nomor}"
    assert nomor_dokumen.awalan(pola, "skp", 2027, 5) != nomor_dokumen.awalan(pola, "skp", 2026, 5)


@pytest.mark.parametrize("pola, why", [
    ("", "wajib"), ("800/KIN/{tahun}", "{nomor}"), ("{nomor}{nomor}", "{nomor}"),
    ("{nomor:0}", "tidak dikenal"), ("{0.__class__}{nomor}", "tidak dikenal"),
    ("{nomor}}", "berpasangan"), ("{{nomor}", "berpasangan"), ("x" * 61 + "{nomor}", "panjang"),
    ("{NOMOR}", "tidak dikenal"),
])
def test_bad_patterns_are_refused_with_a_reason(pola, why):
    assert why in nomor_dokumen.pola_error(pola)


@given(st.text(max_size=80))
def test_any_text_is_refused_or_numbers(pola):
    if nomor_dokumen.pola_error(pola) is None:
        assert "7" in nomor_dokumen.nomor(pola, "tpp", 2026, 12, 7)


def test_nip_middle_digits_are_masked():
    assert nomor_dokumen.samarkan_nip("199204172019031006") == "1992**********1006"
    assert nomor_dokumen.samarkan_nip(None) == ""


@pytest.mark.parametrize("closed, diterima, diajukan, diputuskan, final", [
    (True, True, False, False, True),
    (True, False, True, True, True),
    (True, True, True, False, False),   # accepted, then objected: waits for the decision
    (True, False, False, False, False),
    (False, True, False, False, False),
    (False, False, True, True, False),
])
def test_rapor_final(closed, diterima, diajukan, diputuskan, final):
    assert dokumen.rapor_final(closed, diterima, diajukan, diputuskan) is final


def test_public_figures_hide_groups_under_five():
    assert dokumen.angka_publik(4) == "< 5" and dokumen.angka_publik(0) == "< 5"
    assert dokumen.angka_publik(5) == 5 and dokumen.angka_publik(12, 41.7) == 41.7
    assert dokumen.persen(1, 3) == 33.3 and dokumen.persen(1, 0) is None


def test_a_single_hidden_cell_hides_the_next_smallest():
    keys = ("a", "b", "c")
    assert dokumen.sebaran_publik({"a": 10, "b": 6, "c": 2}, keys) == {"a": 10, "b": "< 5",
                                                                       "c": "< 5"}
    assert dokumen.sebaran_publik({"a": 10, "b": 3, "c": 2}, keys) == {"a": 10, "b": "< 5",
                                                                       "c": "< 5"}
    assert dokumen.sebaran_publik({"a": 10, "b": 6, "c": 5}, keys) == {"a": 10, "b": 6, "c": 5}
