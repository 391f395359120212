"""Impor pegawai: an uploaded file waiting for the admin's confirmation.

The parsed rows are kept as JSON in the database (not in process memory) so that the preview
and the confirmation may be served by different gunicorn workers. After the import is applied
the one-time passwords of new accounts stay here, in plain text, only until the admin has
downloaded them once.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class ImporPratinjau(db.Model):
    __tablename__ = "impor_pratinjau"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    pembuat_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    dibuat: Mapped[datetime]
    nama_berkas: Mapped[str] = mapped_column(String(200))
    baris_json: Mapped[str] = mapped_column(Text)
    # menunggu (preview shown) -> diterapkan (applied)
    status: Mapped[str] = mapped_column(String(12), default="menunggu")
    diterapkan: Mapped[datetime | None]
    ringkasan_json: Mapped[str | None] = mapped_column(Text)
    sandi_json: Mapped[str | None] = mapped_column(Text)
