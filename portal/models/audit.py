"""Audit trail: an append-only record of who did what to which object, and when."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
from portal.extensions import db


def utcnow() -> datetime:
    return clock.utcnow()


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    waktu: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    aktor_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    # Set when an admin records a decision of the kepala daerah on their behalf.
    atas_nama: Mapped[str | None] = mapped_column(String(100))
    aksi: Mapped[str] = mapped_column(String(60))
    objek_jenis: Mapped[str] = mapped_column(String(40))
    objek_id: Mapped[int | None]
    sebelum: Mapped[str | None] = mapped_column(Text)
    sesudah: Mapped[str | None] = mapped_column(Text)
    alamat_ip: Mapped[str | None] = mapped_column(String(64))

    aktor = relationship("Pegawai", lazy="joined")
    __table_args__ = (Index("ix_audit_objek", "objek_jenis", "objek_id"),)
