"""Talent shortlists: a named, annotated list of employees kept for a rotation or promotion
decision (daftar pendek)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow


class DaftarPendek(db.Model):
    __tablename__ = "daftar_pendek"
    id: Mapped[int] = mapped_column(primary_key=True)
    pemilik_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    nama: Mapped[str] = mapped_column(String(150))
    catatan: Mapped[str | None] = mapped_column(Text)
    kriteria: Mapped[str | None] = mapped_column(Text)  # the search that produced it (query string)
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    anggota: Mapped[list[DaftarPendekAnggota]] = relationship(
        cascade="all, delete-orphan", order_by="DaftarPendekAnggota.id")
    __table_args__ = (UniqueConstraint("pemilik_id", "kunci", name="uq_daftar_pendek_kunci"),)


class DaftarPendekAnggota(db.Model):
    __tablename__ = "daftar_pendek_anggota"
    id: Mapped[int] = mapped_column(primary_key=True)
    daftar_id: Mapped[int] = mapped_column(ForeignKey("daftar_pendek.id", ondelete="CASCADE"),
                                           index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    catatan: Mapped[str | None] = mapped_column(String(500))

    pegawai = relationship("Pegawai", lazy="joined")
    __table_args__ = (UniqueConstraint("daftar_id", "pegawai_id"),)
