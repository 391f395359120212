"""Periods and the working-day calendar.

- Periode: a performance year (tahun) with its sub-periods; exactly one is active.
- Sub-periode: a triwulan (TW1–TW4, the default), a month (B01–B12) or a semester (S1, S2);
  each is open or closed (closing belongs to the Sekda). A closed year closes all of its
  sub-periods: `is_closed` is the one question asked before any of a period's data changes.
- Hari libur: a national holiday or cuti bersama of an instansi.
- Ketidakhadiran: a person's leave (cuti), sick leave (sakit) or official travel (dinas luar).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db

JENIS_SUB = ("triwulan", "bulanan", "semester")
JENIS_LIBUR = ("libur_nasional", "cuti_bersama")
JENIS_KETIDAKHADIRAN = ("cuti", "sakit", "dinas_luar")


class Periode(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(unique=True)
    jenis_sub: Mapped[str] = mapped_column(String(10), default="triwulan")
    aktif: Mapped[bool] = mapped_column(default=False)
    ditutup: Mapped[bool] = mapped_column(default=False, server_default=false())  # the year

    sub_periode: Mapped[list[SubPeriode]] = relationship(
        back_populates="periode", order_by="SubPeriode.nomor", cascade="all, delete-orphan"
    )

    @property
    def mulai(self) -> date:
        return date(self.tahun, 1, 1)

    @property
    def selesai(self) -> date:
        return date(self.tahun, 12, 31)

    def sub_on(self, day: date) -> SubPeriode | None:
        return next((s for s in self.sub_periode if s.mulai <= day <= s.selesai), None)

    @property
    def is_closed(self) -> bool:
        """The year is closed: nothing of it changes (entries, realizations, SKP, ratings)."""
        return self.ditutup


class SubPeriode(db.Model):
    __tablename__ = "sub_periode"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"), index=True)
    kode: Mapped[str] = mapped_column(String(4))
    nomor: Mapped[int]
    mulai: Mapped[date]
    selesai: Mapped[date]
    ditutup: Mapped[bool] = mapped_column(default=False)

    periode: Mapped[Periode] = relationship(back_populates="sub_periode")
    __table_args__ = (UniqueConstraint("periode_id", "kode"),)

    @property
    def is_closed(self) -> bool:
        """Closed itself, or its year is."""
        return self.ditutup or self.periode.is_closed

    @property
    def kode_lengkap(self) -> str:
        return f"{self.periode.tahun}-{self.kode}"


class HariLibur(db.Model):
    __tablename__ = "hari_libur"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"))
    tanggal: Mapped[date]
    nama: Mapped[str] = mapped_column(String(150))
    jenis: Mapped[str] = mapped_column(String(20), default="libur_nasional")
    __table_args__ = (UniqueConstraint("instansi_id", "tanggal"),)


class Ketidakhadiran(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(12))
    mulai: Mapped[date]
    selesai: Mapped[date]
    keterangan: Mapped[str | None] = mapped_column(String(200))
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    pegawai = relationship("Pegawai", lazy="joined")
    __table_args__ = (UniqueConstraint("pegawai_id", "kunci", name="uq_ketidakhadiran_kunci"),)
