"""Two-factor login (TOTP, RFC 6238).

- DuaFaktor: a person's authenticator: the shared secret, encrypted with a key derived from the
  app's SECRET_KEY (never in clear in the database); `aktif_pada` empty while enrolment waits for
  the first code; `langkah_terakhir` the last accepted time step (a code is used once).
- KodePemulihan: one-time recovery codes, kept as keyed hashes; `dipakai_pada` once used.
- KebijakanDuaFaktor: which roles the admin requires a second factor of (`peran`,
  comma-separated: sekda, admin, atasan) and from how many direct reports an atasan is held to
  it. No row: the default is in force (portal/rules/dua_faktor.py: Sekda, admins, atasan with
  at least three direct reports); a saved row with no roles: optional for everyone.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.audit import utcnow


class DuaFaktor(db.Model):
    __tablename__ = "dua_faktor"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), unique=True)
    rahasia: Mapped[str] = mapped_column(Text)
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    aktif_pada: Mapped[datetime | None]
    langkah_terakhir: Mapped[int | None]


class KodePemulihan(db.Model):
    __tablename__ = "kode_pemulihan"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    sidik: Mapped[str] = mapped_column(String(64))
    dipakai_pada: Mapped[datetime | None]


class KebijakanDuaFaktor(db.Model):
    __tablename__ = "kebijakan_dua_faktor"
    id: Mapped[int] = mapped_column(primary_key=True)
    peran: Mapped[str] = mapped_column(String(60), default="")
    min_bawahan: Mapped[int] = mapped_column(default=1)
    diubah_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    diubah_pada: Mapped[datetime] = mapped_column(default=utcnow)
