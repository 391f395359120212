"""The register of issued documents, the files behind it, and the public verifier's counters.

- Dokumen: one PDF the portal issued, by number (`nomor`, in the pattern the admin sets) and
  public code (`kode`, the `/v/<kode>` link printed with the QR on every page). `jenis` is the
  kind (rapor, skp, riwayat, penetapan, daftar_pendek, tpp); `seri` names the document across
  its versions (e.g. "rapor:<pegawai id>:2025" — at most one valid row per seri) and `sumber`
  the version of the data it was made from (a rating's id and version…): when the data changes,
  the next download issues a new number and the old row becomes "diganti" (superseded), pointing
  to its successor. `status`: berlaku (valid), diganti (superseded), dicabut (withdrawn).
  Subject, issuer and signatory are frozen as text at issue, as on the paper.
- NomorUrut: the last sequence number used per number prefix (the pattern with everything but
  the sequence filled in), so numbering is gap-free and safe under concurrency.
- Berkas: bytes kept by the database storage backend (portal/dokumen/storage.py), by key.
- VerifikasiAkses: one row per public verification request, for the per-address rate limit
  shared by every worker.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

JENIS = ("rapor", "skp", "riwayat", "penetapan", "daftar_pendek", "tpp")
STATUS = ("berlaku", "diganti", "dicabut")


class Dokumen(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    nomor: Mapped[str] = mapped_column(String(80), unique=True)
    kode: Mapped[str] = mapped_column(String(24), unique=True)
    jenis: Mapped[str] = mapped_column(String(16))
    seri: Mapped[str] = mapped_column(String(120), index=True)
    sumber: Mapped[str] = mapped_column(String(200))
    pegawai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    subjek_nama: Mapped[str] = mapped_column(String(250))
    subjek_nip: Mapped[str | None] = mapped_column(String(18))
    periode: Mapped[str | None] = mapped_column(String(80))  # as printed, e.g. "Tahunan 2025"
    penerbit: Mapped[str] = mapped_column(String(250))
    penandatangan: Mapped[str] = mapped_column(String(300))
    diterbitkan_pada: Mapped[datetime] = mapped_column(default=utcnow)  # UTC
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    ukuran: Mapped[int] = mapped_column()
    kunci_berkas: Mapped[str] = mapped_column(String(200))  # storage key of the bytes
    nama_berkas: Mapped[str] = mapped_column(String(200))  # file name of the download
    status: Mapped[str] = mapped_column(String(10), default="berlaku")
    diganti_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("dokumen.id"))
    status_pada: Mapped[datetime | None]
    alasan_status: Mapped[str | None] = mapped_column(Text)

    diganti_oleh: Mapped[Dokumen | None] = relationship(remote_side=[id])
    __table_args__ = (
        # One valid document per seri: a second concurrent issue of the same seri fails here.
        Index("uq_dokumen_seri_berlaku", "seri", unique=True,
              sqlite_where=text("status = 'berlaku'"),
              postgresql_where=text("status = 'berlaku'")),
    )


class NomorUrut(db.Model):
    __tablename__ = "nomor_urut"
    awalan: Mapped[str] = mapped_column(String(120), primary_key=True)
    terakhir: Mapped[int] = mapped_column(default=0)


class Berkas(db.Model):
    kunci: Mapped[str] = mapped_column(String(200), primary_key=True)
    isi: Mapped[bytes] = mapped_column(LargeBinary)
    ukuran: Mapped[int] = mapped_column()
    disimpan_pada: Mapped[datetime] = mapped_column(default=utcnow)


class VerifikasiAkses(db.Model):
    __tablename__ = "verifikasi_akses"
    id: Mapped[int] = mapped_column(primary_key=True)
    alamat: Mapped[str] = mapped_column(String(64))
    waktu: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (Index("ix_verifikasi_akses_alamat_waktu", "alamat", "waktu"),)
