"""TPP computed by hand: fifteen people of November 2026, every number worked out in the
comments and matched to the rupiah.

November 2026 has 21 working days (2–6, 9–13, 16–20, 23–27, 30; no holiday). The rules below
are the fixture Perkada: weights 60/40, kinerja from accepted realizations, TL/PSW tiers 0,5 /
1 / 1,25 / 1,5 %, TK 3 % a day, discipline capped at 20 % a month, a day without entries 1 %,
an unverified day 0,5 %, a moderate sentence 25 %, LHKPN 5 %, an atasan 0,5 % per unverified
entry up to 5 %, CPNS 80 %, Plt +20 % of the acted seat, BPJS 1 % up to Rp 12.000.000, PPh 21
by golongan (IV 15 %, III 5 %, II and I 0 %, PPPK 5 %). All halves round up.
"""
from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal as D

import pytest

from portal.rules import tpp_aturan
from portal.rules.tpp import (
    Hari,
    Hukuman,
    Kriteria,
    Masukan,
    Penugasan,
    Plt,
    andai,
    hitung,
    pct,
    rp,
    tingkat,
)
from portal.rules.tpp_aturan import Aturan, bertumpang, pagu_dari_indeks, periksa

PAGU = {1: 1_500_000, 2: 1_650_000, 3: 1_800_000, 4: 2_000_000, 5: 2_200_000, 6: 2_500_000,
        7: 2_800_000, 8: 3_200_000, 9: 3_600_000, 10: 4_100_000, 11: 4_700_000,
        12: 5_400_000, 13: 6_200_000, 14: 7_500_000, 15: 9_000_000, 16: 11_000_000,
        17: 14_000_000}
ATURAN = Aturan(
    pagu_kelas=PAGU, batas_disiplin=D(20), entri_kosong_persen=D(1),
    entri_belum_verifikasi_persen=D("0.5"), atasan_persen=D("0.5"), atasan_batas=D(5),
    lhkpn_persen=D(5), pph21_mode="golongan",
    pph21_golongan={"IV": D(15), "III": D(5), "II": D(0), "I": D(0), "PPPK": D(5)})
NOV = date(2026, 11, 1)
DAYS = [NOV + timedelta(days=i) for i in range(30) if (NOV + timedelta(days=i)).weekday() < 5]
assert len(DAYS) == 21


def bulan(**changes) -> tuple[Hari, ...]:
    """21 good days, with some replaced: {day of month: Hari fields}."""
    return tuple(Hari(d, **changes.get(f"d{d.day}", {})) for d in DAYS)


def orang(kelas=9, golongan="III/a", status="PNS", capaian=D(100), **kw) -> Masukan:
    seat = Penugasan("Analis", kelas, date(2026, 11, 2), date(2026, 11, 30), 21)
    base = dict(bulan=NOV, hari_kerja=21, status=status, golongan=golongan, penugasan=(seat,),
                hari=bulan(), capaian_realisasi=capaian)
    base.update(kw)
    return Masukan(**base)


# (name, input, pagu, kinerja, disiplin, bruto, bpjs, pph21, netto)
# Kelas 9: pagu 3.600.000; kinerja part 60 % = 2.160.000; disiplin part 40 % = 1.440.000;
# 0,5 % of 1.440.000 = 7.200; 1 % = 14.400; 1,25 % = 18.000; 1,5 % = 21.600; 3 % = 43.200.
CASES = [
    # A: nothing to deduct. bruto 3.600.000; BPJS 1 % = 36.000; PPh III 5 % = 180.000;
    # netto 3.600.000 − 36.000 − 180.000 = 3.384.000
    ("A tepat waktu", orang(), 3_600_000, 2_160_000, 1_440_000, 3_600_000, 36_000, 180_000,
     3_384_000),
    # B: TL1 (12 min) and PSW1 (20 min): 1.440.000 − 2 × 7.200 = 1.425.600;
    # bruto 3.585.600; BPJS 35.856; PPh 179.280; netto 3.370.464
    ("B TL1+PSW1", orang(golongan="III/b", hari=bulan(
        d3={"datang": time(7, 42), "telat": 12},
        d10={"pulang": time(15, 40), "cepat": 20})),
     3_600_000, 2_160_000, 1_425_600, 3_585_600, 35_856, 179_280, 3_370_464),
    # C: TL2 4 Nov datang 08:12 (42 min) and PSW2 (45 min): 1.440.000 − 2 × 14.400 = 1.411.200;
    # bruto 3.571.200; BPJS 35.712; PPh 178.560; netto 3.356.928
    ("C TL2+PSW2", orang(hari=bulan(
        d4={"datang": time(8, 12), "telat": 42},
        d12={"pulang": time(15, 15), "cepat": 45})),
     3_600_000, 2_160_000, 1_411_200, 3_571_200, 35_712, 178_560, 3_356_928),
    # D: TL3 (75 min) and PSW3 (65 min): 1.440.000 − 2 × 18.000 = 1.404.000;
    # bruto 3.564.000; BPJS 35.640; PPh 178.200; netto 3.350.160
    ("D TL3+PSW3", orang(hari=bulan(
        d5={"datang": time(8, 45), "telat": 75},
        d6={"pulang": time(14, 55), "cepat": 65})),
     3_600_000, 2_160_000, 1_404_000, 3_564_000, 35_640, 178_200, 3_350_160),
    # E: TL4 (no check-in record) and PSW4 (100 min): 1.440.000 − 2 × 21.600 = 1.396.800;
    # bruto 3.556.800; BPJS 35.568; PPh 177.840; netto 3.343.392
    ("E TL4+PSW4", orang(hari=bulan(
        d9={"datang": None, "telat": None},
        d11={"pulang": time(14, 20), "cepat": 100})),
     3_600_000, 2_160_000, 1_396_800, 3_556_800, 35_568, 177_840, 3_343_392),
    # F: TK two days (no entries expected on those days): 1.440.000 − 2 × 43.200 = 1.353.600;
    # bruto 3.513.600; BPJS 35.136; PPh 175.680; netto 3.302.784
    ("F TK 2 hari", orang(hari=bulan(
        d16={"status": "tk", "datang": None, "pulang": None, "entri": False},
        d17={"status": "tk", "datang": None, "pulang": None, "entri": False})),
     3_600_000, 2_160_000, 1_353_600, 3_513_600, 35_136, 175_680, 3_302_784),
    # G: TK eight days = 24 % > cap 20 %: deductions 8 × 43.200 = 345.600, cap
    # 20 % × 1.440.000 = 288.000, +57.600 back; disiplin 1.152.000; bruto 3.312.000;
    # BPJS 33.120; PPh 165.600; netto 3.113.280
    ("G batas bulanan", orang(hari=bulan(**{
        f"d{d}": {"status": "tk", "datang": None, "pulang": None, "entri": False}
        for d in (2, 3, 4, 5, 6, 9, 10, 11)})),
     3_600_000, 2_160_000, 1_152_000, 3_312_000, 33_120, 165_600, 3_113_280),
    # H: moderate sentence since September for 6 months (November is month 3): 25 % of
    # 3.600.000 = 900.000; bruto 2.700.000; BPJS 27.000; PPh 135.000; netto 2.538.000
    ("H hukuman", orang(hukuman=(Hukuman("sedang", "800/17/2026", date(2026, 9, 1), 6),)),
     3_600_000, 2_160_000, 1_440_000, 2_700_000, 27_000, 135_000, 2_538_000),
    # I: CPNS kelas 7: 2.800.000 × 80 % = 2.240.000 (−560.000); kinerja 1.344.000;
    # disiplin 896.000; bruto 2.240.000; BPJS 22.400; PPh 112.000; netto 2.105.600
    ("I CPNS", orang(kelas=7, status="CPNS"),
     2_240_000, 1_344_000, 896_000, 2_240_000, 22_400, 112_000, 2_105_600),
    # J: kelas 12 (5.400.000), Plt of a kelas 14 seat (7.500.000) from 16 Nov, 11 of 21 days:
    # 20 % × 7.500.000 × 11/21 = 785.714,29 → 785.714; pagu 6.185.714;
    # kinerja 60 % = 3.711.428,4 → 3.711.428; disiplin 40 % = 2.474.285,6 → 2.474.286;
    # BPJS 61.857,14 → 61.857; PPh IV 15 % = 927.857,1 → 927.857;
    # netto 6.185.714 − 61.857 − 927.857 = 5.196.000
    ("J Plt", orang(kelas=12, golongan="IV/a", plt=(
        Plt("Plt", "Kepala Bidang", 14, date(2026, 11, 16), date(2026, 11, 30), 11),)),
     6_185_714, 3_711_428, 2_474_286, 6_185_714, 61_857, 927_857, 5_196_000),
    # K: moved on Saturday 14 Nov: kelas 8 (3.200.000) 10 days, kelas 10 (4.100.000) 11 days:
    # 3.200.000 × 10/21 = 1.523.809,52 → 1.523.810; 4.100.000 × 11/21 = 2.147.619,05 →
    # 2.147.619; pagu 3.671.429; kinerja 2.202.857,4 → 2.202.857; disiplin 1.468.571,6 →
    # 1.468.572; BPJS 36.714,29 → 36.714; PPh 183.571,45 → 183.571; netto 3.451.144
    ("K pindah", orang(golongan="III/c", penugasan=(
        Penugasan("Pengelola Data", 8, date(2026, 11, 2), date(2026, 11, 13), 10),
        Penugasan("Analis Data", 10, date(2026, 11, 16), date(2026, 11, 30), 11))),
     3_671_429, 2_202_857, 1_468_572, 3_671_429, 36_714, 183_571, 3_451_144),
    # L: the week of 23–27 Nov unverified: 5 × 0,5 % × 2.160.000 = 5 × 10.800 = 54.000;
    # kinerja 2.106.000; bruto 3.546.000; BPJS 35.460; PPh 177.300; netto 3.333.240
    ("L minggu belum diverifikasi", orang(hari=bulan(**{
        f"d{d}": {"terverifikasi": False} for d in (23, 24, 25, 26, 27)})),
     3_600_000, 2_106_000, 1_440_000, 3_546_000, 35_460, 177_300, 3_333_240),
    # M: PPPK kelas 7 (100 %), two days without entries: 1 % × 1.680.000 = 16.800 each;
    # kinerja 1.680.000 − 33.600 = 1.646.400; disiplin 1.120.000; bruto 2.766.400;
    # BPJS 27.664; PPh PPPK 5 % = 138.320; netto 2.600.416
    ("M PPPK tanpa entri", orang(kelas=7, status="PPPK", golongan="IX", hari=bulan(
        d18={"entri": False, "terverifikasi": False},
        d19={"entri": False, "terverifikasi": False})),
     2_800_000, 1_646_400, 1_120_000, 2_766_400, 27_664, 138_320, 2_600_416),
    # N: kelas 17 (14.000.000), 90 % realization, LHKPN not filed: kinerja 8.400.000 × 90 % =
    # 7.560.000; disiplin 5.600.000; LHKPN 5 % × 13.160.000 = 658.000; bruto 12.502.000;
    # BPJS on the ceiling 1 % × 12.000.000 = 120.000; PPh 15 % = 1.875.300;
    # netto 12.502.000 − 120.000 − 1.875.300 = 10.506.700
    ("N LHKPN dan batas BPJS", orang(kelas=17, golongan="IV/e", capaian=D(90),
                                     lhkpn_belum=True),
     14_000_000, 7_560_000, 5_600_000, 12_502_000, 120_000, 1_875_300, 10_506_700),
    # O: an atasan (kelas 12) who left 14 entries of reports unverified: 14 × 0,5 % = 7 %,
    # capped at 5 %: 5 % × 5.400.000 = 270.000; bruto 5.130.000; BPJS 51.300;
    # PPh III 5 % = 256.500; netto 4.822.200
    ("O atasan belum verifikasi", orang(kelas=12, golongan="III/d",
                                        entri_bawahan_belum_diverifikasi=14),
     5_400_000, 3_240_000, 2_160_000, 5_130_000, 51_300, 256_500, 4_822_200),
    # P: a criterion on the seat (tempat bertugas 10 % of kelas 9 = 360.000) and Siti's
    # golongan II: pagu 3.960.000; kinerja 2.376.000; disiplin 1.584.000; BPJS 39.600;
    # PPh II 0 %; netto 3.920.400
    ("P kriteria", orang(golongan="II/c", penugasan=(
        Penugasan("Perawat", 9, date(2026, 11, 2), date(2026, 11, 30), 21,
                  (Kriteria("tempat bertugas", persen=D(10)),)),)),
     3_960_000, 2_376_000, 1_584_000, 3_960_000, 39_600, 0, 3_920_400),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fixture_matches_to_the_rupiah(case):
    _name, masukan, pagu, kinerja, disiplin, bruto, bpjs, pph, netto = case
    h = hitung(masukan, ATURAN)
    assert (h.pagu, h.kinerja, h.disiplin, h.bruto, h.bpjs, h.pph21, h.netto) == (
        pagu, kinerja, disiplin, bruto, bpjs, pph, netto)
    # The lines add up: the pagu lines to the pagu, all others to the net amount.
    assert sum(b.jumlah for b in h.baris if b.kelompok == "pagu") == h.pagu
    assert sum(b.jumlah for b in h.baris if b.kelompok != "pagu") == h.netto


def test_every_tier_is_covered_and_named_with_its_day():
    kodes = {b.kode for c in CASES for b in hitung(c[1], ATURAN).baris}
    assert {f"TL{i}" for i in range(1, 5)} | {f"PSW{i}" for i in range(1, 5)} | {"TK"} <= kodes
    lines = [b.uraian for b in hitung(CASES[2][1], ATURAN).baris]
    assert "TL2, 4 Nov 2026, datang 08:12: −1%" in lines
    e = [b.uraian for b in hitung(CASES[4][1], ATURAN).baris]
    assert "TL4, 9 Nov 2026, tidak ada catatan datang: −1,5%" in e


def test_scores_are_reported():
    g = hitung(CASES[6][1], ATURAN)
    assert g.skor_disiplin == D(80) and g.skor_kinerja == D(100)
    assert any(b.kode == "BATAS" and b.jumlah == 57_600 for b in g.baris)


def test_without_seat_or_kelas_pays_nothing_and_says_why():
    h = hitung(orang(penugasan=()), ATURAN)
    assert (h.bruto, h.netto, h.catatan) == (0, 0, ["tanpa_jabatan"])
    h = hitung(orang(penugasan=(Penugasan("Baru", None, NOV, NOV, 21),)), ATURAN)
    assert h.netto == 0 and "tanpa_kelas" in h.catatan


def test_long_leave_and_study_leave_prorate_by_their_percentage():
    # 11 days active, 10 days cuti besar at 0 %: 3.600.000 × 11/21 = 1.885.714,29 → 1.885.714
    aturan = replace(ATURAN, tugas_belajar_persen=D(50), pph21_mode="nonaktif")
    m = orang(penugasan=(Penugasan("Analis", 9, date(2026, 11, 2), date(2026, 11, 13), 10,
                                   keadaan="cuti_besar"),
                         Penugasan("Analis", 9, date(2026, 11, 16), date(2026, 11, 30), 11)))
    assert hitung(m, aturan).pagu == 1_885_714
    # Study leave all month at 50 %: 1.800.000
    m = orang(penugasan=(Penugasan("Analis", 9, NOV, NOV, 21, keadaan="tugas_belajar"),))
    assert hitung(m, aturan).pagu == 1_800_000


@pytest.mark.parametrize("rule, expected", [("tertinggi", 5_400_000 + 1_000_000),
                                            ("tanpa", 5_400_000)])
def test_plt_rule_is_a_parameter(rule, expected):
    # "tertinggi": the difference 7.500.000 − 5.400.000 = 2.100.000 for 10 of 21 days =
    # 1.000.000
    m = orang(kelas=12, plt=(Plt("Plh", "Kepala Bidang", 14, NOV, NOV, 10),))
    assert hitung(m, replace(ATURAN, plt_aturan=rule)).pagu == expected


def test_kinerja_methods():
    # hari_entri: 21 days, 2 without entries, 1 unverified → 18/21 = 85,71 %
    m = orang(hari=bulan(d2={"entri": False}, d3={"entri": False},
                         d4={"terverifikasi": False}))
    a = replace(ATURAN, metode_kinerja="hari_entri", entri_kosong_persen=D(0),
                entri_belum_verifikasi_persen=D(0))
    assert hitung(m, a).skor_kinerja == D("85.71")
    # predikat Butuh Perbaikan → 80 %; kinerja 2.160.000 × 80 % = 1.728.000
    a = replace(ATURAN, metode_kinerja="predikat")
    assert hitung(orang(predikat="butuh_perbaikan"), a).kinerja == 1_728_000
    # campuran 50 % realisasi 90 % + 50 % predikat baik 100 % = 95 %
    a = replace(ATURAN, metode_kinerja="campuran",
                campuran={"realisasi": D(50), "predikat": D(50)})
    assert hitung(orang(capaian=D(90), predikat="baik"), a).skor_kinerja == D(95)
    # no accepted realization yet: 0 %, said so
    h = hitung(orang(capaian=None), ATURAN)
    assert h.kinerja == 0 and "belum ada realisasi" in h.baris[1].uraian


def test_pph21_table_mode_and_off():
    a = replace(ATURAN, pph21_mode="tarif", pph21_tarif=((3_000_000, D(0)), (None, D(2))))
    assert hitung(orang(), a).pph21 == 72_000  # 2 % × 3.600.000
    assert hitung(orang(kelas=1), a).pph21 == 0
    assert hitung(orang(), replace(ATURAN, pph21_mode="nonaktif")).pph21 == 0


def test_what_if_a_correction_is_approved():
    m = CASES[2][1]
    fixed = tuple(replace(d, datang=time(7, 30), telat=0) if d.tanggal.day == 4 else d
                  for d in m.hari)
    _h, selisih = andai(m, ATURAN, hari=fixed)
    # 14.400 back on disiplin; BPJS +144, PPh +720: net +13.536
    assert selisih == 14_400 - 144 - 720


def test_sentence_months():
    hk = Hukuman("sedang", "x", date(2026, 6, 1), 6)
    assert [bool(hitung(orang(bulan=date(2026, mo, 1), hukuman=(hk,)), ATURAN).bruto
                 < 3_600_000) for mo in (5, 6, 11, 12)] == [False, True, True, False]


def test_tiers_boundaries():
    assert [getattr(tingkat(ATURAN.tl, m), "kode", None) for m in (0, 1, 30, 31, 60, 61, 90,
                                                                    91, 500, None)] == [
        None, "TL1", "TL1", "TL2", "TL2", "TL3", "TL3", "TL4", "TL4", "TL4"]


def test_formats():
    assert (pct(D("1.25")), pct(D(20)), pct(D("0.50"))) == ("1,25%", "20%", "0,5%")
    assert (rp(1_234_567), rp(-45_000)) == ("Rp 1.234.567", "−Rp 45.000")


def test_checks_of_a_draft():
    assert periksa(ATURAN) == []
    bad = replace(ATURAN, bobot_kinerja=D(70), pagu_kelas={**PAGU, 5: -1},
                  tk_persen=D(150))
    codes = {code for _f, code, _v in periksa(bad)}
    assert codes == {"bobot_bukan_100", "negatif", "persen_di_luar"}
    missing = dict(PAGU)
    del missing[17]
    assert periksa(replace(ATURAN, pagu_kelas=missing))[0] == (
        "pagu_17", "kelas_tanpa_pagu", {"kelas": 17})
    gap = replace(ATURAN, tl=ATURAN.tl[:1] + ATURAN.tl[2:])
    assert {c for _f, c, _v in periksa(gap)} == {"tingkat_tidak_urut"}
    assert {c for _f, c, _v in periksa(replace(ATURAN, metode_kinerja="campuran",
                                               campuran={"realisasi": D(40)}))} == {
        "campuran_bukan_100"}


def test_overlapping_versions():
    jan, jul = date(2026, 1, 1), date(2026, 7, 1)
    assert bertumpang(jul, None, [(jan, None)])
    assert not bertumpang(jul, None, [(jan, date(2026, 6, 30))])
    assert bertumpang(jan, date(2026, 3, 31), [(date(2026, 3, 1), None)])


def test_pagu_from_indices_and_json_round_trip():
    # 2.000.000 × 0,8 × 1,05 × 1,1 = 1.848.000
    assert pagu_dari_indeks({1: 2_000_000}, D("0.8"), D("1.05"), D("1.1")) == {1: 1_848_000}
    assert tpp_aturan.dari_dict(tpp_aturan.ke_dict(ATURAN)) == ATURAN
