"""Prestasi and inovasi: achievements and innovations an employee records for the track record.

- Prestasi: an award, a result beyond the plan (jenis "prestasi"), or an innovation (jenis
  "inovasi"), with judul, tanggal, uraian and a link to bukti (evidence). The direct supervisor
  verifies it (status "diverifikasi") or rejects it ("ditolak") with a note; only verified ones
  appear on the riwayat kinerja (track record) and its PDF.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

JENIS_PRESTASI = ("prestasi", "inovasi")
STATUS_PRESTASI = ("menunggu", "diverifikasi", "ditolak")


class Prestasi(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(10), default="prestasi")
    judul: Mapped[str] = mapped_column(String(200))
    tanggal: Mapped[date]
    uraian: Mapped[str | None] = mapped_column(Text)
    bukti_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(12), default="menunggu")
    catatan_verifikator: Mapped[str | None] = mapped_column(Text)
    diverifikasi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    diverifikasi_pada: Mapped[datetime | None]
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    __table_args__ = (Index("ix_prestasi_pegawai_status", "pegawai_id", "status"),
                      UniqueConstraint("pegawai_id", "kunci", name="uq_prestasi_kunci"))
