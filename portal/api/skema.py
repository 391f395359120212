"""What the API sends and receives, as pydantic models: spectree (portal/api/spec.py) validates
requests with them and writes their JSON Schemas (2020-12, as OpenAPI 3.1 takes them) into the
document. Answers are checked against them too, so the document cannot drift from the code."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, Strict, StrictInt

BATAS = 100  # rows per page of /pegawai
MAKS_REKAMAN = 5000  # punches per presensi push

Tingkat = Literal["di_atas", "sesuai", "di_bawah"]


class Galat(BaseModel):
    """Every refusal: the HTTP status again, an Indonesian message, and per field (`isian`, or
    `rekaman.3.pin` for the third item of a list) what is wrong with it."""

    kode: int
    pesan: str
    kesalahan: dict[str, list[str]] = Field(default_factory=dict)


# --- requests -----------------------------------------------------------------------------


class HalamanQuery(BaseModel):
    mulai: int = Field(0, ge=0, le=10**6, description="Lewati sekian baris (bawaan 0)")
    batas: int = Field(BATAS, ge=1, le=BATAS,
                       description=f"Paling banyak sekian baris (bawaan {BATAS})")


class RentangQuery(BaseModel):
    dari: date | None = Field(None, description="Tanggal awal (bawaan: 7 hari sebelum sampai)")
    sampai: date | None = Field(None, description="Tanggal akhir (bawaan: hari ini)")


class KunciIdempoten(BaseModel):
    kunci: str | None = Field(
        None, alias="Idempotency-Key", min_length=1, max_length=64,
        description="Kirim ulang dengan kunci yang sama: tidak ada entri kembar")


class EntriBaru(BaseModel):
    uraian: str = Field(max_length=500, description="Yang dikerjakan (paling banyak 500)")
    rencana_aksi_id: StrictInt | None = Field(None, description="Rencana aksi bulan itu")
    rhk_id: StrictInt | None = Field(None,
                                     description="Hanya bila tidak ada rencana aksi bulan itu")
    tanggal: date | None = Field(None, description="Bawaan: hari ini")
    output: Annotated[float, Strict(), Field(ge=0)] | None = None
    bukti_link: str | None = None
    mode: Literal["WFO", "WFH", "WFA"] = "WFO"


class Rekaman(BaseModel):
    pin: str = Field(min_length=1, max_length=32, description="PIN mesin atau NIP 18 digit")
    waktu: str = Field(min_length=1, max_length=40,
                       description="2026-11-02 07:21:05 (waktu setempat)")


class PresensiKirim(BaseModel):
    rekaman: list[Rekaman] = Field(min_length=1, max_length=MAKS_REKAMAN)


# --- answers ------------------------------------------------------------------------------


class Pegawai(BaseModel):
    id: int
    nip: str
    nama: str
    jabatan: str | None
    unit_kerja: str | None
    peran: list[str] = Field(default_factory=list, description="Hanya di /saya")


class DaftarPegawai(BaseModel):
    data: list[Pegawai]


class Halaman(BaseModel):
    data: list[Pegawai]
    jumlah: int
    mulai: int
    batas: int


class RencanaAksi(BaseModel):
    id: int
    teks: str
    tahun: int
    bulan: int


class Rhk(BaseModel):
    id: int
    teks: str
    satuan: str
    rencana_aksi: list[RencanaAksi]


class DaftarRhk(BaseModel):
    data: list[Rhk]


class Entri(BaseModel):
    id: int
    tanggal: date
    uraian: str
    output: float | None
    rhk_id: int
    rencana_aksi_id: int | None
    bukti_link: str | None
    verifikasi: str | None


class DaftarEntri(BaseModel):
    data: list[Entri]


class Penilaian(BaseModel):
    id: int
    tahun: int
    kode: str
    hasil_kerja: Tingkat
    perilaku_kerja: Tingkat
    predikat: str


class DaftarPenilaian(BaseModel):
    data: list[Penilaian]


class Skp(BaseModel):
    id: int
    tahun: int
    status: str
    revisi: int
    mulai: date
    selesai: date


class DaftarSkp(BaseModel):
    data: list[Skp]


class KoreksiTpp(BaseModel):
    netto: int
    selisih: int | None


class Tpp(BaseModel):
    bulan: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$")
    status: Literal["tinjau", "disetujui"]
    pagu: int
    kinerja: int
    disiplin: int
    potongan: int
    bruto: int
    bpjs: int
    pph21: int
    netto: int
    koreksi: list[KoreksiTpp]


class DaftarTpp(BaseModel):
    data: list[Tpp]


class Dokumen(BaseModel):
    kode: str
    nomor: str
    jenis: str
    judul: str
    status: Literal["berlaku", "diganti", "dicabut"]
    subjek_nama: str
    nip: str | None = Field(description="Disamarkan seperti di /v/<kode>")
    periode: str | None
    penerbit: str
    penandatangan: str
    diterbitkan_pada: datetime
    sha256: str
    diganti_oleh: str | None = Field(description="Kode penggantinya")


class Ditolak(BaseModel):
    rekaman: int
    pesan: str


class PresensiHasil(BaseModel):
    baris: int
    dipakai: int
    diubah: int = Field(description="Hari presensi baru atau berubah")
    ditolak: list[Ditolak]
