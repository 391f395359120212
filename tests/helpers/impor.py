"""The people import in tests: one line of a file."""
from __future__ import annotations


def new_person(nip="199001012015031001", **over) -> dict:
    row = {"nip": nip, "nama": "Budi Santoso", "gelar_depan": "", "gelar_belakang": "S.K.M.",
           "pangkat": "Penata Muda", "golongan": "III/a", "status": "PNS",
           "jabatan": "Epidemiolog Kesehatan Ahli Muda", "jenis_jabatan": "fungsional",
           "eselon": "", "unit": "Dinas Kesehatan / Bidang Pencegahan dan Pengendalian Penyakit"
           " / Seksi Surveilans dan Imunisasi", "nip_atasan": "", "fleksibel": "tidak"}
    return row | over
