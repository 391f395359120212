"""Pelaksanaan: the daily log, work modes, evidence files and in-app notifications.

- Progres harian: one short entry of what a person did on a day for one RHK, with an optional
  output (its unit is the satuan of the RHK's first IKI) and an optional evidence link. `kunci`
  is the idempotency key of the form that sent it: a double submit makes one entry.
  An entry names the rencana aksi it advances and may be verified by the supervisor
  (portal/models/rencana.py).
- Mode kerja: where a person works on a day: WFO (kantor), WFH (rumah), WFA (lokasi lain).
- Bukti dukung: an uploaded evidence file (PDF/JPEG/PNG) of an entry or a realization, kept under
  `instance/bukti/` with a random name.
- Notifikasi: an in-app message for one person (new feedback, a realization to review, a decision).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

MODE_KERJA = ("WFO", "WFH", "WFA")


class ProgresHarian(db.Model):
    __tablename__ = "progres_harian"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id"), index=True)
    tanggal: Mapped[date]
    uraian: Mapped[str] = mapped_column(String(500))
    output: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    bukti_link: Mapped[str | None] = mapped_column(String(500))
    kunci: Mapped[str] = mapped_column(String(64))
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    # Rencana aksi and verification (portal/models/rencana.py says what they mean).
    rencana_aksi_id: Mapped[int | None] = mapped_column(ForeignKey("rencana_aksi.id"), index=True)
    verifikasi: Mapped[str | None] = mapped_column(String(12))
    catatan_verifikasi: Mapped[str | None] = mapped_column(String(500))
    diverifikasi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    diverifikasi_pada: Mapped[datetime | None]

    rhk = relationship("Rhk")
    rencana_aksi = relationship("RencanaAksi")
    bukti: Mapped[list[BuktiDukung]] = relationship(back_populates="progres")
    __table_args__ = (UniqueConstraint("pegawai_id", "kunci", name="uq_progres_kunci"),
                      Index("ix_progres_pegawai_tanggal", "pegawai_id", "tanggal"),
                      # "who wrote this week" over a whole province: a range of days first.
                      Index("ix_progres_tanggal_pegawai", "tanggal", "pegawai_id"))


class ModeKerja(db.Model):
    __tablename__ = "mode_kerja"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[date]
    mode: Mapped[str] = mapped_column(String(3), default="WFO")
    __table_args__ = (UniqueConstraint("pegawai_id", "tanggal", name="uq_mode_kerja_hari"),
                      Index("ix_mode_kerja_tanggal_pegawai", "tanggal", "pegawai_id"))


class BuktiDukung(db.Model):
    __tablename__ = "bukti_dukung"
    id: Mapped[int] = mapped_column(primary_key=True)
    pemilik_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    progres_id: Mapped[int | None] = mapped_column(ForeignKey("progres_harian.id"), index=True)
    realisasi_periode_id: Mapped[int | None] = mapped_column(
        ForeignKey("realisasi_periode.id"), index=True)
    nama_asli: Mapped[str] = mapped_column(String(200))
    nama_simpan: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(40))
    ukuran: Mapped[int]
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)

    progres: Mapped[ProgresHarian | None] = relationship(back_populates="bukti")


class Notifikasi(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    penerima_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    jenis: Mapped[str] = mapped_column(String(20))
    teks: Mapped[str] = mapped_column(String(300))
    tautan: Mapped[str] = mapped_column(String(300))
    dibaca: Mapped[bool] = mapped_column(default=False)
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (Index("ix_notifikasi_penerima_dibaca", "penerima_id", "dibaca"),)
