"""The inputs and the result of one TPP person-month (see `rules.tpp`), and how amounts,
percentages and dates are written in the line items. No Flask, no database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from functools import lru_cache

BULAN_PENDEK = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
                "Des")
HADIR, TK = "hadir", "tk"
_new = object.__new__


@dataclass(frozen=True)
class Hari:
    """One working day: presensi status (hadir, tk, izin, sakit, cuti, dl), the recorded
    times, minutes late/early (None: no record, the top tier; 0: on time or excused), and
    whether the day has daily entries and whether the atasan verified them."""

    tanggal: date
    status: str = HADIR
    datang: time | None = time(7, 30)
    pulang: time | None = time(16, 0)
    telat: int | None = 0
    cepat: int | None = 0
    entri: bool = True
    terverifikasi: bool = True

    @classmethod
    def baru(cls, tanggal: date, status: str, datang: time | None, pulang: time | None,
             telat: int | None, cepat: int | None, entri: bool, terverifikasi: bool) -> Hari:
        """`Hari(...)` with every field given, built without the frozen dataclass's eight
        `object.__setattr__` calls (equal, same hash, still frozen): a province's month is a
        million of them."""
        h = _new(cls)
        h.__dict__.update(tanggal=tanggal, status=status, datang=datang, pulang=pulang,
                          telat=telat, cepat=cepat, entri=entri, terverifikasi=terverifikasi)
        return h


@dataclass(frozen=True)
class Kriteria:
    """A criterion on top of the kelas pagu (tempat bertugas, kondisi kerja, kelangkaan
    profesi): a fixed amount or a percentage of the kelas pagu."""

    nama: str
    jumlah: int = 0
    persen: Decimal = Decimal(0)


@dataclass(frozen=True)
class Penugasan:
    """A stretch of the month in one seat (a move splits the month); `keadaan` aktif,
    cuti_besar or tugas_belajar."""

    jabatan: str
    kelas: int | None
    mulai: date
    selesai: date
    hari: int
    kriteria: tuple[Kriteria, ...] = ()
    keadaan: str = "aktif"


@dataclass(frozen=True)
class Plt:
    jenis: str  # Plt or Plh
    jabatan: str
    kelas: int | None
    mulai: date
    selesai: date
    hari: int
    kriteria: tuple[Kriteria, ...] = ()


@dataclass(frozen=True)
class Hukuman:
    """A disciplinary sentence (PP 94/2021): its level, decree, first month and length."""

    tingkat: str
    nomor: str
    mulai: date
    bulan: int


@dataclass(frozen=True)
class Masukan:
    bulan: date  # first day of the month
    hari_kerja: int  # working days of the month in the instansi's calendar
    status: str = "PNS"  # PNS, CPNS, PPPK
    golongan: str | None = None
    penugasan: tuple[Penugasan, ...] = ()
    plt: tuple[Plt, ...] = ()
    hari: tuple[Hari, ...] = ()
    capaian_realisasi: Decimal | None = None
    predikat: str | None = None
    hukuman: tuple[Hukuman, ...] = ()
    lhkpn_belum: bool = False
    entri_bawahan_belum_diverifikasi: int = 0
    penghasilan_lain: int = 0  # wages already under the BPJS ceiling (gaji), per month


@dataclass(frozen=True)
class Baris:
    kelompok: str  # pagu, kinerja, disiplin, potongan, pajak
    kode: str
    uraian: str
    jumlah: int
    persen: Decimal | None = None


@dataclass
class Hasil:
    pagu: int = 0
    skor_kinerja: Decimal = Decimal(0)
    skor_disiplin: Decimal = Decimal(100)
    kinerja: int = 0
    disiplin: int = 0
    bruto: int = 0
    bpjs: int = 0
    pph21: int = 0
    netto: int = 0
    baris: list[Baris] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)  # tanpa_jabatan, tanpa_kelas


@lru_cache(maxsize=1024)
def tgl(d: date) -> str:
    return f"{d.day} {BULAN_PENDEK[d.month - 1]} {d.year}"


@lru_cache(maxsize=256)
def pct(p: Decimal) -> str:
    """1.25 -> "1,25%", 20 -> "20%"."""
    text = format(Decimal(p).normalize(), "f")
    return text.replace(".", ",") + "%"


def rp(n: int) -> str:
    return ("−" if n < 0 else "") + "Rp " + f"{abs(n):,}".replace(",", ".")
