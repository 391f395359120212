"""The run's review anomaly "amount changed a lot": the amounts are written as Indonesians write
them, and the person's name is shown as it is spelled (a degree's comma stays a comma)."""
from decimal import Decimal
from types import SimpleNamespace

from portal.tpp import proses


def _hasil(netto: int) -> SimpleNamespace:
    return SimpleNamespace(catatan=[], netto=netto, bruto=netto, pagu=netto, skor_kinerja=0,
                           skor_disiplin=0, kinerja=0, disiplin=0, bpjs=0, pph21=0, baris=[])


def _anomali(nama: str, sebelum: int, sekarang: int) -> proses.Hitungan:
    t = proses.Hitungan()
    orang = SimpleNamespace(pegawai_id=7, opd_id=1, nip="198501012010011001", nama=nama,
                            golongan="III/a", jabatan="Pranata Komputer", kelas=7)
    row = proses.baris(SimpleNamespace(koreksi=False, run_id=1), orang, _hasil(sekarang),
                       SimpleNamespace(ambang_anomali=Decimal(10)), {7: (sebelum, sebelum)}, {},
                       t, SimpleNamespace(hari=[]), [])
    assert row is not None
    return t


def test_a_name_with_a_degree_keeps_its_comma_and_only_the_amounts_are_grouped():
    t = _anomali("Andi Pratama, S.Kom.", 3_000_000, 3_500_000)
    assert t.jumlah == {"perubahan": 1}
    assert t.contoh["perubahan"] == ["Andi Pratama, S.Kom.: Rp 3.000.000 → Rp 3.500.000"]


def test_a_change_within_the_threshold_is_not_an_anomaly():
    t = _anomali("Andi Pratama, S.Kom.", 3_000_000, 3_300_000)  # +10 %: not above 10 %
    assert t.jumlah == {}
