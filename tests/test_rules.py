"""Plain domain rules: NIP, golongan, supervisor resolution, sub-period layout."""
from datetime import date

import pytest

from portal.demo import PEOPLE
from portal.periods import sub_ranges
from portal.rules.atasan import SeatState, resolve_atasan, resolve_chain
from portal.rules.golongan import golongan_valid, pangkat_of
from portal.rules.nip import is_valid_nip, nip_error


@pytest.mark.parametrize("nip", [p.nip for p in PEOPLE.values()])
def test_demo_nips_are_valid(nip):
    assert nip_error(nip) is None


@pytest.mark.parametrize("nip, reason", [
    ("19920417201903100", "18 digit"),            # 17 digits
    ("1992041720190310066", "18 digit"),          # 19 digits
    ("19920417201903100a", "18 digit"),
    ("１９９２０４１７２０１９０３１００６", "18 digit"),  # full-width digits are not ASCII
    ("199213172019031006", "tanggal lahir"),      # month 13
    ("199202302019031006", "tanggal lahir"),      # 30 February
    ("199204172019033006", "ke-15"),              # sex digit 3
    ("199204171980031006", "tahun pengangkatan"), # appointed before birth
    ("", "18 digit"),
])
def test_bad_nips_say_why(nip, reason):
    assert reason in nip_error(nip)
    assert not is_valid_nip(nip)


def test_pppk_nip_with_pppk_code_is_valid():
    assert is_valid_nip("199307222022212003")


def test_golongan_and_pangkat():
    assert golongan_valid("PNS", "III/a") and pangkat_of("PNS", "III/a") == "Penata Muda"
    assert pangkat_of("PNS", "IV/e") == "Pembina Utama"
    assert golongan_valid("PPPK", "XVII") and pangkat_of("PPPK", "IX") is None
    assert not golongan_valid("PNS", "IX")
    assert not golongan_valid("PPPK", "III/a")
    assert not golongan_valid("PNS", "V/a")


def S(jid, holder=None, plt=None):
    return SeatState(jid, holder, plt)


def test_supervisor_is_holder_of_parent_seat():
    assert resolve_atasan([S(2, holder=20), S(1, holder=10)]) == 20


def test_vacant_parent_without_plt_passes_to_next_filled_seat():
    assert resolve_atasan([S(3), S(2), S(1, holder=10)]) == 10


def test_plt_acts_for_vacant_seat():
    assert resolve_atasan([S(2, plt=30), S(1, holder=10)]) == 30


def test_plt_acts_for_absent_holder():
    assert resolve_atasan([S(2, holder=20, plt=30), S(1, holder=10)]) == 30


def test_no_one_supervises_themselves_as_plt():
    assert resolve_atasan([S(2, plt=99), S(1, holder=10)], exclude=99) == 10


def test_root_has_no_supervisor_in_tree():
    assert resolve_atasan([]) is None


def test_chain_lists_each_person_once_nearest_first():
    chain = resolve_chain([S(4, holder=40), S(3), S(2, plt=40), S(1, holder=10)])
    assert chain == [40, 10]


@pytest.mark.parametrize("jenis, count, first, last", [
    ("triwulan", 4, ("TW1", date(2026, 1, 1), date(2026, 3, 31)),
     ("TW4", date(2026, 10, 1), date(2026, 12, 31))),
    ("semester", 2, ("S1", date(2026, 1, 1), date(2026, 6, 30)),
     ("S2", date(2026, 7, 1), date(2026, 12, 31))),
    ("bulanan", 12, ("B01", date(2026, 1, 1), date(2026, 1, 31)),
     ("B12", date(2026, 12, 1), date(2026, 12, 31))),
])
def test_sub_periods_cover_the_year(jenis, count, first, last):
    ranges = sub_ranges(2026, jenis)
    assert len(ranges) == count
    assert (ranges[0][0], ranges[0][2], ranges[0][3]) == first
    assert (ranges[-1][0], ranges[-1][2], ranges[-1][3]) == last
    for (_, _, _, end), (_, _, start, _) in zip(ranges, ranges[1:], strict=False):
        assert (start - end).days == 1


@pytest.mark.parametrize("kode,judul", [("TW3", "Triwulan III"), ("S1", "Semester I"),
                                        ("B03", "Bulan Maret"), ("TAHUNAN", "Akhir")])
def test_period_titles_keep_roman_numerals(kode, judul):
    from portal.rules import periode_kode

    assert periode_kode.judul(kode) == judul
