"""Plain rules of the connected portal: SIASN's record and retry policy, token states."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from portal.rules import siasn, token

NILAI = {"tahun": 2025, "kode": "TW2", "hasil_kerja": "di_atas", "perilaku_kerja": "sesuai",
         "predikat": "baik", "pegawai_nip": "199204172019031006", "penilai_nip": "1" * 18,
         "penilai_nama": "Retno", "penilai_jabatan": "Kepala Seksi", "penilai_unor": "Dinkes",
         "penilai_golongan": "III/d"}


@pytest.mark.parametrize(("kode", "bulan"), [("TW1", (1, 3)), ("TW4", (10, 12)), ("S2", (7, 12)),
                                             ("B05", (5, 5)), ("TAHUNAN", (1, 12))])
def test_months_of_a_period_code(kode, bulan):
    assert siasn.bulan_penilaian(kode) == bulan


def test_record_in_siasn_names_and_codes():
    record = siasn.kinerja_periodik(NILAI, siasn.referensi_nama())
    assert record["bulanMulaiPenilaian"] == "4" and record["bulanSelesaiPenilaian"] == "6"
    assert record["kuadranKinerjaNilai"] == "Baik" and record["koefisienId"] == "100%"
    assert record["statusPenilai"] == "ASN"
    kepala_daerah = siasn.kinerja_periodik(NILAI | {"penilai_nip": ""}, siasn.referensi_nama())
    assert kepala_daerah["statusPenilai"] == "NON ASN"


def test_a_missing_code_is_named():
    lists = siasn.referensi_nama()
    del lists["kuadran"]["Baik"]
    with pytest.raises(siasn.KodeTidakAda, match="kuadran 'baik'"):
        siasn.kinerja_periodik(NILAI, lists)


def test_backoff_grows_and_honours_retry_after():
    assert [siasn.jeda(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert siasn.jeda(20) == timedelta(hours=6)
    assert siasn.jeda(1, retry_after=900) == timedelta(seconds=900)
    assert siasn.boleh_ulang(None) and siasn.boleh_ulang(429) and siasn.boleh_ulang(503)
    assert not siasn.boleh_ulang(400) and not siasn.boleh_ulang(401)


def test_token_states_and_scopes():
    now = datetime(2026, 7, 15, 9)
    later = now + timedelta(days=1)
    assert token.keadaan(kedaluwarsa_pada=later, dicabut_pada=None, sekarang=now) == "aktif"
    assert token.keadaan(kedaluwarsa_pada=now, dicabut_pada=None, sekarang=now) == "kedaluwarsa"
    assert token.keadaan(kedaluwarsa_pada=now, dicabut_pada=now, sekarang=later) == "dicabut"
    assert token.punya("harian:baca harian:tulis", "harian:tulis")
    assert not token.punya("harian:baca", "harian")
    secret = token.buat()
    assert token.bentuk_sah(secret) and secret.startswith(token.tampak(secret))
    assert not token.bentuk_sah("Bearer x") and not token.bentuk_sah("pka_ü" * 10)
    assert token.sidik(secret) != secret and len(token.sidik(secret)) == 64
    assert token.cakupan_dari(["penilaian:baca", "x", "harian:baca"]) == ["harian:baca",
                                                                           "penilaian:baca"]
