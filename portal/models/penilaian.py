"""Penilaian: ratings of a person and of the organization.

- Penilaian: the rating of one person for a sub-period (`kode` TW1…, B01…, S1…) or the year
  (`kode` "TAHUNAN"): rating hasil kerja and rating perilaku kerja (di_atas / sesuai / di_bawah),
  the predikat computed from them, catatan/rekomendasi, and the identity blocks of the person,
  the pejabat penilai and the atasan pejabat penilai frozen (JSON) on the day of rating.
- Rating organisasi: the capaian kinerja organisasi (istimewa, baik, butuh_perbaikan, kurang,
  sangat_kurang) of the instansi (`unit_id` empty) or of one OPD, for a sub-period or the year.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

RATING = ("di_atas", "sesuai", "di_bawah")
PREDIKAT = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
RATING_ORGANISASI = ("istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
TAHUNAN = "TAHUNAN"


class Penilaian(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"), index=True)
    kode: Mapped[str] = mapped_column(String(8))  # sub-period code, or TAHUNAN for the year
    sub_periode_id: Mapped[int | None] = mapped_column(ForeignKey("sub_periode.id"))
    skp_id: Mapped[int | None] = mapped_column(ForeignKey("skp.id"))
    penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    atasan_penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    # The admin who recorded the kepala daerah's rating (penilai None): shown on the rating.
    dicatat_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    hasil_kerja: Mapped[str] = mapped_column(String(10))
    perilaku_kerja: Mapped[str] = mapped_column(String(10))
    predikat: Mapped[str] = mapped_column(String(16), index=True)
    catatan: Mapped[str | None] = mapped_column(Text)
    identitas: Mapped[str] = mapped_column(Text)  # JSON: pegawai, penilai, atasan_penilai
    capaian_organisasi: Mapped[str | None] = mapped_column(String(16))
    dinilai_pada: Mapped[datetime] = mapped_column(default=utcnow)
    diterima_pada: Mapped[datetime | None]  # acknowledged by the person
    version: Mapped[int] = mapped_column(default=1)

    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    penilai = relationship("Pegawai", foreign_keys=[penilai_id])
    dicatat_oleh = relationship("Pegawai", foreign_keys=[dicatat_oleh_id])
    periode = relationship("Periode")
    sub_periode = relationship("SubPeriode")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("pegawai_id", "periode_id", "kode"),
                      Index("ix_penilaian_periode_kode_predikat", "periode_id", "kode",
                            "predikat"))


class RatingOrganisasi(db.Model):
    __tablename__ = "rating_organisasi"
    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode.id"), index=True)
    kode: Mapped[str] = mapped_column(String(8))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"))  # None: instansi
    rating: Mapped[str] = mapped_column(String(16))
    justifikasi: Mapped[str | None] = mapped_column(Text)  # why the kurva may be broken
    oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    waktu: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    unit = relationship("UnitKerja")
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("uq_rating_org_unit", "periode_id", "kode", "unit_id", unique=True,
              sqlite_where=text("unit_id IS NOT NULL"),
              postgresql_where=text("unit_id IS NOT NULL")),
        Index("uq_rating_org_instansi", "periode_id", "kode", unique=True,
              sqlite_where=text("unit_id IS NULL"), postgresql_where=text("unit_id IS NULL")),
    )
