"""Token API: a key another system (or a person's own app) presents to /api/v1.

- ApiToken: `pribadi` (personal: acts as its owner, with the owner's rights) or `layanan` (a
  service's, made by the admin, acting with the admin's rights). Only the SHA-256 of the secret
  is stored (`sidik`), with its first characters (`tampak`) to tell tokens apart; scopes
  (`cakupan`, space-separated, portal/rules/token.py), expiry and revocation. `jendela_*` count
  the requests of the current minute (the rate limit, shared by every worker).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow


class ApiToken(db.Model):
    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    pemilik_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(10), default="pribadi")
    nama: Mapped[str] = mapped_column(String(100))
    tampak: Mapped[str] = mapped_column(String(16))
    sidik: Mapped[str] = mapped_column(String(64), unique=True)
    cakupan: Mapped[str] = mapped_column(String(200))
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    kedaluwarsa_pada: Mapped[datetime]
    dicabut_pada: Mapped[datetime | None]
    terakhir_dipakai: Mapped[datetime | None]
    jendela_mulai: Mapped[datetime | None]
    jendela_jumlah: Mapped[int] = mapped_column(default=0, server_default="0")

    pemilik = relationship("Pegawai")
