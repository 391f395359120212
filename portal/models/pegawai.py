"""Pegawai: an ASN (PNS or PPPK) identified by NIP; also the login account."""
from __future__ import annotations

import secrets
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
from portal.extensions import db
from portal.rules.golongan import pangkat_of
from portal.security import hash_password, verify_password


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Pegawai(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(150), index=True)  # lists sorted by name (0016)
    gelar_depan: Mapped[str | None] = mapped_column(String(50))
    gelar_belakang: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(4), default="PNS")
    golongan: Mapped[str | None] = mapped_column(String(6))
    alamat: Mapped[str | None] = mapped_column(String(300))
    aktif: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # admin edits (locking.py)
    is_admin: Mapped[bool] = mapped_column(default=False)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    wajib_ganti_sandi: Mapped[bool] = mapped_column(default=False)
    # Rotated at logout and password change so that old session cookies stop working.
    sesi_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    bahasa: Mapped[str | None] = mapped_column(String(5))

    riwayat = relationship(
        "RiwayatJabatan", back_populates="pegawai", order_by="RiwayatJabatan.mulai.desc()"
    )

    def get_id(self) -> str:
        return self.sesi_token

    @property
    def is_active(self) -> bool:
        return self.aktif

    @property
    def nama_lengkap(self) -> str:
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{self.nama}{belakang}"

    @property
    def pangkat(self) -> str | None:
        return pangkat_of(self.status, self.golongan)

    @property
    def pangkat_golongan(self) -> str:
        if self.status == "PPPK":
            return f"Golongan {self.golongan} (PPPK)" if self.golongan else "PPPK"
        return f"{self.pangkat} / {self.golongan}" if self.golongan else "-"

    def set_password(self, password: str, *, wajib_ganti: bool = False) -> None:
        self.password_hash = hash_password(password)
        self.wajib_ganti_sandi = wajib_ganti
        self.sesi_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and verify_password(self.password_hash, password)

    def jabatan_aktif(self, on: date | None = None):
        """The seat held on a date (today by default), or None."""
        on = on or clock.today()
        for r in self.riwayat:
            if r.mulai <= on and (r.selesai is None or r.selesai >= on):
                return r.jabatan
        return None


class LoginGagal(db.Model):
    """One failed login; counted per (NIP, address) and per address for throttling."""

    __tablename__ = "login_gagal"
    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(40))
    alamat: Mapped[str] = mapped_column(String(64))
    waktu: Mapped[datetime]

    __table_args__ = (
        Index("ix_login_gagal_nip_alamat_waktu", "nip", "alamat", "waktu"),
        Index("ix_login_gagal_alamat_waktu", "alamat", "waktu"),
    )



