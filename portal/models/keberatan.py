"""Objections to a rating and the record of closing and reopening periods.

- Keberatan: the person rated objects to a Penilaian within the allowed days, giving reasons;
  the pejabat penilai writes an explanation; the atasan pejabat penilai decides to keep
  (`tetap`) or change (`ubah`) the ratings. Where that is the kepala daerah, an admin records
  the decision on their behalf (`atas_nama`).
- Periode log: every closing (`tutup`) and reopening (`buka`, with a reason) of a sub-period,
  or of the year when `sub_periode_id` is empty.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

KEPUTUSAN = ("tetap", "ubah")


class Keberatan(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    penilaian_id: Mapped[int] = mapped_column(ForeignKey("penilaian.id"), unique=True)
    alasan: Mapped[str] = mapped_column(Text)
    diajukan_pada: Mapped[datetime] = mapped_column(default=utcnow)
    penjelasan: Mapped[str | None] = mapped_column(Text)  # the pejabat penilai's explanation
    dijelaskan_pada: Mapped[datetime | None]
    keputusan: Mapped[str | None] = mapped_column(String(8))
    pertimbangan: Mapped[str | None] = mapped_column(Text)
    hasil_kerja_lama: Mapped[str | None] = mapped_column(String(10))
    perilaku_kerja_lama: Mapped[str | None] = mapped_column(String(10))
    hasil_kerja_baru: Mapped[str | None] = mapped_column(String(10))
    perilaku_kerja_baru: Mapped[str | None] = mapped_column(String(10))
    predikat_baru: Mapped[str | None] = mapped_column(String(16))
    diputuskan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    atas_nama: Mapped[str | None] = mapped_column(String(100))
    diputuskan_pada: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    penilaian = relationship("Penilaian", backref=db.backref("keberatan", uselist=False))
    diputuskan_oleh = relationship("Pegawai")
    __mapper_args__ = {"version_id_col": version}


class PeriodeLog(db.Model):
    __tablename__ = "periode_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"))
    sub_periode_id: Mapped[int | None] = mapped_column(ForeignKey("sub_periode.id"))
    aksi: Mapped[str] = mapped_column(String(8))  # tutup / buka
    alasan: Mapped[str | None] = mapped_column(Text)
    oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    waktu: Mapped[datetime] = mapped_column(default=utcnow)

    oleh = relationship("Pegawai")
    __table_args__ = (Index("ix_periode_log_periode_sub", "periode_id", "sub_periode_id"),)
