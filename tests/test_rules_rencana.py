"""Rules of rencana aksi and verification (portal/rules/rencana.py): plain functions."""
from datetime import date

from portal.rules.rencana import (
    awal_akhir_bulan,
    batas_verifikasi,
    bulan_sebelumnya,
    bulan_terkunci,
    entri_masih_boleh,
    hari_kerja_antara,
    kunci_baris,
    rencana_cocok,
    tambah_hari_kerja,
    verifikasi_terlambat,
)

LIBUR = {date(2026, 12, 25)}


def kerja(day: date) -> bool:
    return day.weekday() < 5 and day not in LIBUR


def test_an_entry_names_a_rencana_aksi_of_its_own_month_only():
    assert rencana_cocok(2026, 11, date(2026, 11, 30))
    assert not rencana_cocok(2026, 10, date(2026, 11, 2))
    assert not rencana_cocok(2025, 11, date(2026, 11, 2))


def test_months_wrap_at_the_year():
    assert bulan_sebelumnya(2026, 1) == (2025, 12)
    assert bulan_sebelumnya(2026, 7) == (2026, 6)
    assert awal_akhir_bulan(2026, 2) == (date(2026, 2, 1), date(2026, 2, 28))
    assert awal_akhir_bulan(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))


def test_working_days_skip_weekends_and_holidays():
    # Thu 24 Dec -> Mon 28 Dec: Fri 25 is a holiday, the weekend is off: one working day.
    assert hari_kerja_antara(date(2026, 12, 24), date(2026, 12, 28), kerja) == 1
    assert hari_kerja_antara(date(2026, 12, 28), date(2026, 12, 24), kerja) == 0
    assert tambah_hari_kerja(date(2026, 12, 24), 1, kerja) == date(2026, 12, 28)
    assert tambah_hari_kerja(date(2026, 12, 24), 0, kerja) == date(2026, 12, 24)


def test_an_entry_may_be_late_by_at_most_n_working_days():
    friday = date(2026, 11, 27)
    assert entri_masih_boleh(friday, date(2026, 12, 2), 3, kerja)      # Mon, Tue, Wed
    assert not entri_masih_boleh(friday, date(2026, 12, 3), 3, kerja)  # Thursday is the 4th
    assert entri_masih_boleh(friday, friday, 0, kerja)
    assert not entri_masih_boleh(date(2026, 12, 4), friday, 3, kerja)  # the future never


def test_a_week_may_be_verified_until_m_working_days_after_its_friday():
    # Week of 21-25 Dec 2026: Friday 25 is a holiday; 2 working days after it: Mon 28, Tue 29.
    assert batas_verifikasi(date(2026, 12, 21), 2, kerja) == date(2026, 12, 29)
    assert batas_verifikasi(date(2026, 12, 23), 2, kerja) == date(2026, 12, 29)
    assert not verifikasi_terlambat(date(2026, 12, 21), date(2026, 12, 29), 2, kerja)
    assert verifikasi_terlambat(date(2026, 12, 21), date(2026, 12, 30), 2, kerja)


def test_a_month_locks_with_its_sub_period_or_after_the_entry_deadline():
    kw = {"hari_kerja": kerja}
    assert bulan_terkunci(2026, 11, date(2026, 11, 15), sub_ditutup=True, batas_telat=None, **kw)
    assert not bulan_terkunci(2026, 10, date(2026, 11, 30), sub_ditutup=False, batas_telat=None,
                              **kw)
    # November ends on a Monday (30th); 3 working days later is Thu 3 Dec.
    assert not bulan_terkunci(2026, 11, date(2026, 12, 3), sub_ditutup=False, batas_telat=3, **kw)
    assert bulan_terkunci(2026, 11, date(2026, 12, 4), sub_ditutup=False, batas_telat=3, **kw)


def test_an_imported_row_has_one_key_whatever_its_spacing_or_case():
    a = kunci_baris(7, ["2026-11-02", "RA-3", "Rapat  koordinasi", "2", "WFO", ""])
    b = kunci_baris(7, ["2026-11-02", "ra-3", " rapat koordinasi ", "2", "wfo", None])
    assert a == b and len(a) <= 64 and a.startswith("impor-")
    assert kunci_baris(8, ["2026-11-02", "RA-3", "Rapat koordinasi", "2", "WFO", ""]) != a
    assert kunci_baris(7, ["2026-11-03", "RA-3", "Rapat koordinasi", "2", "WFO", ""]) != a


def test_date_cells_as_people_type_them():
    from portal.rules.rencana import parse_tanggal_sel

    assert parse_tanggal_sel("2026-11-02") == date(2026, 11, 2)
    assert parse_tanggal_sel("2026-11-02 00:00:00") == date(2026, 11, 2)
    assert parse_tanggal_sel("02/11/2026") == date(2026, 11, 2)
    assert parse_tanggal_sel("2.11.2026") == date(2026, 11, 2)
    for bad in ("", "kemarin", "31/02/2026", "2026-13-01", "11/2026", "1/2/26"):
        assert parse_tanggal_sel(bad) is None, bad
