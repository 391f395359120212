"""Figures computed for many requests: the dashboard's aggregates, shared by every worker and
machine when Redis is not configured (portal/organisasi/cache.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class AngkaTersimpan(db.Model):
    __tablename__ = "angka_tersimpan"

    kunci: Mapped[str] = mapped_column(String(120), primary_key=True)
    isi: Mapped[str] = mapped_column(Text)
    dihitung_pada: Mapped[datetime] = mapped_column()  # UTC
