"""Realization and continuous feedback, read by the evaluation and the rapor.

- Realisasi periode: one person's realization of one SKP for one sub-period, submitted as a
  whole; states draf, diajukan, diterima, dikembalikan (with the supervisor's note).
- Realisasi: the realized value of one IKI in that sub-period, with a note.
- Umpan balik: continuous feedback from the supervisor on an RHK or a BerAKHLAK value, and the
  replies of the person; a thread is a root message (`induk_id` empty) and its replies.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

STATUS_REALISASI = ("draf", "diajukan", "diterima", "dikembalikan")


class RealisasiPeriode(db.Model):
    __tablename__ = "realisasi_periode"
    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id"), index=True)
    sub_periode_id: Mapped[int] = mapped_column(ForeignKey("sub_periode.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="draf")
    catatan_atasan: Mapped[str | None] = mapped_column(Text)
    diajukan_pada: Mapped[datetime | None]
    diputuskan_pada: Mapped[datetime | None]
    diputuskan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    version: Mapped[int] = mapped_column(default=1)

    skp = relationship("Skp")
    sub_periode = relationship("SubPeriode")
    nilai: Mapped[list[Realisasi]] = relationship(back_populates="periode",
                                                  cascade="all, delete-orphan")
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("skp_id", "sub_periode_id"),)


class Realisasi(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    realisasi_periode_id: Mapped[int] = mapped_column(ForeignKey("realisasi_periode.id"),
                                                      index=True)
    iki_id: Mapped[int] = mapped_column(ForeignKey("iki.id"), index=True)
    nilai: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    catatan: Mapped[str | None] = mapped_column(Text)

    periode: Mapped[RealisasiPeriode] = relationship(back_populates="nilai")
    iki = relationship("Iki")
    __table_args__ = (UniqueConstraint("realisasi_periode_id", "iki_id"),)


class UmpanBalik(db.Model):
    __tablename__ = "umpan_balik"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)  # the report
    penulis_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    induk_id: Mapped[int | None] = mapped_column(ForeignKey("umpan_balik.id"), index=True)
    rhk_id: Mapped[int | None] = mapped_column(ForeignKey("rhk.id"), index=True)
    nilai_perilaku: Mapped[str | None] = mapped_column(String(30))  # a BerAKHLAK key
    sub_periode_id: Mapped[int | None] = mapped_column(ForeignKey("sub_periode.id"))
    teks: Mapped[str] = mapped_column(Text)
    waktu: Mapped[datetime] = mapped_column(default=utcnow)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    penulis = relationship("Pegawai", foreign_keys=[penulis_id])
    balasan: Mapped[list[UmpanBalik]] = relationship(order_by="UmpanBalik.waktu")
    __table_args__ = (UniqueConstraint("penulis_id", "kunci", name="uq_umpan_balik_kunci"),)


Index("ix_umpan_balik_pegawai_waktu", UmpanBalik.pegawai_id, UmpanBalik.waktu)
