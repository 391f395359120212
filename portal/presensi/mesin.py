"""Importing machine files: a preview that reads every line and lists what it cannot use, then
an apply that writes the first and last punch of each person's day in one transaction.

Linear in the file: lines are streamed twice (preview, apply; `mesin_baca`), the messages kept
are the first `CONTOH` of each kind with a count of the rest, and the apply writes at most
`COPY_CHUNK` person-days held at once (`mesin_tulis`). Applying is idempotent: a punch only ever
moves jam datang earlier or jam pulang later, so the same file twice (or two overlapping files)
changes nothing the second time.
"""
from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from flask_babel import gettext as _

from portal.presensi import mesin_tulis
from portal.presensi.common import nama_bulan
from portal.presensi.mesin_baca import CONTOH, Pemeta, Ringkasan, _lines

__all__ = ["CONTOH", "JENIS_PESAN", "JUDUL", "TIDAK_DIPAKAI", "Ringkasan", "judul", "periksa",
           "pesan", "terapkan", "terapkan_rekaman"]

JENIS_PESAN = {
    "kosong": "Kolom PIN/NIP atau waktu kosong.",
    "pin": "PIN atau NIP tidak dikenal: %(v)s.",
    "waktu": "Waktu tidak terbaca: %(v)s (contoh yang benar: 2026-11-02 07:21:05).",
    "masa_depan": "Waktu di masa depan: %(v)s.",
    "ditutup": "Bulan %(v)s sudah ditutup; baris tidak dipakai.",
    "ganda": "Baris ganda (sama dengan baris %(v)s); dipakai sekali.",
    "bukan_hari_kerja": "Di luar hari kerja pegawai (%(v)s); tetap dicatat.",
}
JUDUL = {
    "kosong": "Baris tanpa PIN/NIP atau waktu",
    "pin": "PIN atau NIP tidak dikenal",
    "waktu": "Waktu tidak terbaca",
    "masa_depan": "Waktu di masa depan",
    "ditutup": "Bulan sudah ditutup",
    "ganda": "Baris ganda",
    "bukan_hari_kerja": "Di luar hari kerja",
}
TIDAK_DIPAKAI = ("kosong", "pin", "waktu", "masa_depan", "ditutup")


def periksa(path) -> Ringkasan:
    """Read the whole file once and say what an apply would use and what it would not."""
    ringkas = Ringkasan()
    for _punch in _lines(path, Pemeta(), ringkas):
        pass
    return ringkas


def terapkan(path) -> tuple[Ringkasan, int]:
    """Write every usable punch; (what was read, person-days inserted or changed). The caller
    commits once (all or nothing). PostgreSQL takes the punches through COPY into a temporary
    table and merges them in one grouped statement; SQLite (tests, small installs) in batches."""
    ringkas = Ringkasan()
    return ringkas, mesin_tulis.tulis(_lines(path, Pemeta(), ringkas))


def terapkan_rekaman(rekaman: list[tuple[str, str]]) -> tuple[Ringkasan, int]:
    """Punches pushed by an attendance app or machine (PIN or NIP, time text), under the very
    rules of a machine file: line n of the summary is punch n. Idempotent like a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rekaman.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(["pin", "waktu"])
            out.writerows(rekaman)
        return terapkan(path)


def pesan(jenis: str, value) -> str:
    """One line's message; a closed month (kept as "2026-11" in the summary) is named the way
    people write it, "November 2026"."""
    if jenis == "ditutup":
        tahun, bulan = (int(v) for v in value.split("-"))
        value = nama_bulan(tahun, bulan)
    return _(JENIS_PESAN[jenis], v=value)


def judul(jenis: str) -> str:
    return _(JUDUL[jenis])

