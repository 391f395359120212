"""Perencanaan: priority programs and the SKP.

- Program prioritas: a regional priority program of a year (e.g. "Pengendalian inflasi"),
  maintained by the Sekda; the Sekda's RHK name the programs they serve.
- SKP (Sasaran Kinerja Pegawai): one person's plan for a period in one seat. States: draf,
  diajukan, disetujui, dikembalikan. An approved SKP is locked; a change opens a new revision.
- RHK (Rencana Hasil Kerja): a planned result, utama or tambahan, that intervenes an RHK of
  the supervisor (`rhk_atasan_id`); JPT's RHK carry a perspektif. RHK keep their id across
  revisions; one that has entries is retired (`diarsipkan`), never deleted.
- IKI (Indikator Kinerja Individu): an indicator of an RHK with aspek, target and satuan.
- Kolaborator: another employee who works on an RHK with its owner (sees that RHK only).
- Ekspektasi perilaku: the supervisor's *ekspektasi khusus pimpinan* for a BerAKHLAK value.
- Transisi / revisi: the record of every state change, and a snapshot of each approved version.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

STATUS_SKP = ("draf", "diajukan", "disetujui", "dikembalikan")
JENIS_RHK = ("utama", "tambahan")
ASPEK = ("kuantitas", "kualitas", "waktu", "biaya")
PERSPEKTIF = ("Penerima Layanan", "Proses Bisnis", "Penguatan Internal", "Anggaran")


class ProgramPrioritas(db.Model):
    __tablename__ = "program_prioritas"
    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(index=True)
    nama: Mapped[str] = mapped_column(String(200))
    deskripsi: Mapped[str | None] = mapped_column(Text)
    indikator: Mapped[str | None] = mapped_column(Text)
    urutan: Mapped[int] = mapped_column(default=0)
    aktif: Mapped[bool] = mapped_column(default=True)


class Skp(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"), index=True)
    jabatan_id: Mapped[int] = mapped_column(ForeignKey("jabatan.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="draf", index=True)
    revisi: Mapped[int] = mapped_column(default=1)
    # The SKP's span inside the period; a mid-year move ends one SKP and starts another.
    mulai: Mapped[date]
    selesai: Mapped[date]
    catatan_kembali: Mapped[str | None] = mapped_column(Text)
    lampiran_sumber_daya: Mapped[str | None] = mapped_column(Text)
    lampiran_skema: Mapped[str | None] = mapped_column(Text)
    lampiran_konsekuensi: Mapped[str | None] = mapped_column(Text)
    diajukan_pada: Mapped[datetime | None]
    disetujui_pada: Mapped[datetime | None]
    disetujui_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    periode = relationship("Periode")
    jabatan = relationship("Jabatan")
    rhk: Mapped[list[Rhk]] = relationship(back_populates="skp", order_by="Rhk.urutan",
                                          cascade="all, delete-orphan")
    ekspektasi: Mapped[list[EkspektasiPerilaku]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("pegawai_id", "periode_id", "jabatan_id"),)


class Rhk(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(8), default="utama")
    teks: Mapped[str] = mapped_column(Text)
    rhk_atasan_id: Mapped[int | None] = mapped_column(ForeignKey("rhk.id"), index=True)
    perspektif: Mapped[str | None] = mapped_column(String(30))
    urutan: Mapped[int] = mapped_column(default=0)
    diarsipkan: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    skp: Mapped[Skp] = relationship(back_populates="rhk")
    rhk_atasan: Mapped[Rhk | None] = relationship(remote_side=[id])
    iki: Mapped[list[Iki]] = relationship(back_populates="rhk", order_by="Iki.urutan",
                                          cascade="all, delete-orphan")
    program: Mapped[list[ProgramPrioritas]] = relationship(secondary="rhk_program")
    kolaborator = relationship("Pegawai", secondary="rhk_kolaborator")

    __mapper_args__ = {"version_id_col": version}


class RhkProgram(db.Model):
    __tablename__ = "rhk_program"
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id", ondelete="CASCADE"),
                                        primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program_prioritas.id"), primary_key=True,
                                            index=True)


class RhkKolaborator(db.Model):
    __tablename__ = "rhk_kolaborator"
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id", ondelete="CASCADE"),
                                        primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), primary_key=True,
                                            index=True)


class Iki(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id"), index=True)
    aspek: Mapped[str] = mapped_column(String(10), default="kuantitas")
    indikator: Mapped[str] = mapped_column(Text)
    target: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    satuan: Mapped[str] = mapped_column(String(40))
    urutan: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    rhk: Mapped[Rhk] = relationship(back_populates="iki")
    __mapper_args__ = {"version_id_col": version}


class EkspektasiPerilaku(db.Model):
    __tablename__ = "ekspektasi_perilaku"
    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    nilai: Mapped[str] = mapped_column(String(30))  # a key of portal.rules.berakhlak.KODE
    teks: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("skp_id", "nilai"),)


class SkpTransisi(db.Model):
    __tablename__ = "skp_transisi"
    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    dari: Mapped[str | None] = mapped_column(String(12))
    ke: Mapped[str] = mapped_column(String(12))
    oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    atas_nama: Mapped[str | None] = mapped_column(String(100))
    waktu: Mapped[datetime] = mapped_column(default=utcnow)
    catatan: Mapped[str | None] = mapped_column(Text)

    oleh = relationship("Pegawai")


class SkpRevisi(db.Model):
    """A snapshot (JSON) of an SKP version as it was approved, with what changed."""

    __tablename__ = "skp_revisi"
    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    revisi: Mapped[int]
    snapshot: Mapped[str] = mapped_column(Text)
    perubahan: Mapped[str | None] = mapped_column(Text)
    disetujui_pada: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("skp_id", "revisi"),)


Index("ix_skp_periode_status", Skp.periode_id, Skp.status)
