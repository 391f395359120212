"""SIASN (BKN) as plain rules: the one table mapping the portal's terms to the names of SIASN's
reference codes, the "kinerja periodik" record in SIASN's own field names, and the retry policy.

The names below are looked up in SIASN's reference endpoints (their ids are what is sent), so a
renamed code in SIASN means one line here. Checked only against the test suite's stand-in server
(tests/siasn_standin.py), not against BKN: see docs/siasn.md.
"""
from __future__ import annotations

from datetime import timedelta

# portal term -> name of SIASN's reference code, per reference list
PETA = {
    "hasil": {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi",
              "di_bawah": "Di Bawah Ekspektasi"},
    "perilaku": {"di_atas": "Di Atas Ekspektasi", "sesuai": "Sesuai Ekspektasi",
                 "di_bawah": "Di Bawah Ekspektasi"},
    "kuadran": {"sangat_baik": "Sangat Baik", "baik": "Baik",
                "butuh_perbaikan": "Butuh Perbaikan", "kurang": "Kurang/Misconduct",
                "sangat_kurang": "Sangat Kurang"},
    "koefisien": {"sangat_baik": "150%", "baik": "100%", "butuh_perbaikan": "75%",
                  "kurang": "50%", "sangat_kurang": "25%"},
    "periodik": {"TW1": "Triwulan I", "TW2": "Triwulan II", "TW3": "Triwulan III",
                 "TW4": "Triwulan IV", "S1": "Semester I", "S2": "Semester II",
                 "TAHUNAN": "Tahunan", **{f"B{m:02d}": f"Bulan {m}" for m in range(1, 13)}},
}
REFERENSI = tuple(PETA)
MAKS_PERCOBAAN = 8
STATUS_ULANG = frozenset({408, 425, 429, 500, 502, 503, 504})


class KodeTidakAda(ValueError):
    """A portal term whose SIASN code is missing from the reference lists (nothing is sent)."""


def kode(referensi: dict[str, dict[str, str]], daftar: str, istilah: str) -> str:
    nama = PETA[daftar].get(istilah)
    found = referensi.get(daftar, {}).get(nama) if nama else None
    if found is None:
        raise KodeTidakAda(f"Kode SIASN untuk {daftar} '{istilah}' tidak ada di referensi.")
    return found


def referensi_nama() -> dict[str, dict[str, str]]:
    """Reference lists that answer each code by its own name: the record as it will be sent,
    readable before SIASN's ids are known (the dry run, the outbox page)."""
    return {daftar: {nama: nama for nama in names.values()} for daftar, names in PETA.items()}


def bulan_penilaian(kode_periode: str) -> tuple[int, int]:
    """(first, last) month a period code covers: TW2 -> (4, 6), S2 -> (7, 12), B05 -> (5, 5)."""
    if kode_periode.startswith("TW"):
        n = int(kode_periode[2:])
        return 3 * n - 2, 3 * n
    if kode_periode.startswith("S"):
        return (1, 6) if kode_periode == "S1" else (7, 12)
    if kode_periode.startswith("B"):
        m = int(kode_periode[1:])
        return m, m
    return 1, 12


def kinerja_periodik(nilai: dict, referensi: dict[str, dict[str, str]]) -> dict:
    """The record in SIASN's field names from the portal's values (`nilai`: tahun, kode,
    hasil_kerja, perilaku_kerja, predikat, pegawai_nip, and the penilai's nip, nama, jabatan,
    unor, golongan, or none of them when the kepala daerah rated, a non-ASN penilai)."""
    mulai, selesai = bulan_penilaian(nilai["kode"])
    penilai_asn = bool(nilai.get("penilai_nip"))
    return {
        "tahun": nilai["tahun"],
        "periodikId": kode(referensi, "periodik", nilai["kode"]),
        "bulanMulaiPenilaian": str(mulai),
        "bulanSelesaiPenilaian": str(selesai),
        "hasilKinerjaNilai": kode(referensi, "hasil", nilai["hasil_kerja"]),
        "perilakuKerjaNilai": kode(referensi, "perilaku", nilai["perilaku_kerja"]),
        "kuadranKinerjaNilai": kode(referensi, "kuadran", nilai["predikat"]),
        "koefisienId": kode(referensi, "koefisien", nilai["predikat"]),
        "pnsDinilaiNip": nilai["pegawai_nip"],
        "penilaiNipNrp": nilai.get("penilai_nip") or "",
        "penilaiNama": nilai.get("penilai_nama") or "",
        "penilaiJabatan": nilai.get("penilai_jabatan") or "",
        "penilaiUnorNama": nilai.get("penilai_unor") or "",
        "penilaiGolongan": nilai.get("penilai_golongan") or "",
        "statusPenilai": "ASN" if penilai_asn else "NON ASN",
    }


def sama(catatan: dict, payload: dict) -> bool:
    """Whether a record SIASN holds is the one a payload describes (same person and period)."""
    return (str(catatan.get("pnsDinilaiNip")) == str(payload["pnsDinilaiNip"])
            and str(catatan.get("tahun")) == str(payload["tahun"])
            and str(catatan.get("periodikId")) == str(payload["periodikId"]))


def jeda(percobaan: int, retry_after: int | None = None) -> timedelta:
    """Wait before the next try: 1, 2, 4 … minutes, at most 6 hours; SIASN's Retry-After when
    it asks for longer."""
    base = min(60 * 2 ** max(percobaan - 1, 0), 6 * 3600)
    return timedelta(seconds=max(base, retry_after or 0))


def boleh_ulang(status_http: int | None) -> bool:
    """None: no answer (timeout, connection refused) — as retryable as a 429 or a 5xx."""
    return status_http is None or status_http in STATUS_ULANG
