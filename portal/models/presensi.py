"""Disiplin kerja (presensi): working hours, the day's attendance record, machine PINs,
corrections and izin, imports of machine files, closed months.

- Jadwal kerja: working hours of the instansi as dated data. `reguler` versions hold the hours of
  each weekday, the tolerance and the Perkada's tier bounds, in force from `mulai` until the next
  version (changing the hours never rewrites a past day); a `ramadan` schedule replaces the hours
  between `mulai` and `selesai`; a `shift` schedule is given to seats (Jadwal jabatan), its hours
  may cross midnight (a nurse's night shift) and `ikut_libur` says whether holidays are days off.
- Presensi: one person's attendance on one working day: jam datang and jam pulang as wall-clock
  times of the instansi's zone (naive; machines and people speak that time), where each came from
  (portal, mesin, koreksi, admin) and, for WFH/WFA check-ins, the optional browser location. The
  day's work mode is not here: it is the daily log's `mode_kerja` row (one per person per day).
- PIN mesin: the number a fingerprint machine knows a person by, kept by the admin.
- Tempat kerja: a place on record (an office, or a person's home) with a radius; a WFH/WFA
  location far from all of them is flagged for the supervisor.
- Pengajuan presensi: a correction (forgot to punch, machine down) or an izin (whole day, late
  arrival, early leave) asked by the employee and decided by the direct supervisor (or Plt).
- Impor presensi: an uploaded machine file waiting in preview, then applied.
- Bulan presensi tutup: a closed month; nothing of it changes any more.
"""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

JENIS_JADWAL = ("reguler", "ramadan", "shift")
SUMBER = ("portal", "mesin", "koreksi", "admin")
# Pengajuan: corrections carry asked times; izin kinds feed the day rule.
JENIS_KOREKSI = ("lupa_datang", "lupa_pulang", "mesin_rusak")
JENIS_IZIN = ("izin", "terlambat", "pulang_cepat")
STATUS_PENGAJUAN = ("diajukan", "disetujui", "dikembalikan")


class JadwalKerja(db.Model):
    __tablename__ = "jadwal_kerja"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(8), default="reguler")
    nama: Mapped[str] = mapped_column(String(100))
    mulai: Mapped[date]
    selesai: Mapped[date | None]
    toleransi_menit: Mapped[int] = mapped_column(default=0)
    batas_tingkat: Mapped[str] = mapped_column(String(30), default="30,60,90")
    ikut_libur: Mapped[bool] = mapped_column(default=True)
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)

    hari: Mapped[list[JadwalHari]] = relationship(
        back_populates="jadwal", order_by="JadwalHari.hari", cascade="all, delete-orphan")


class JadwalHari(db.Model):
    __tablename__ = "jadwal_hari"
    id: Mapped[int] = mapped_column(primary_key=True)
    jadwal_id: Mapped[int] = mapped_column(ForeignKey("jadwal_kerja.id"))
    hari: Mapped[int]  # 0 = Senin … 6 = Minggu
    masuk: Mapped[time]
    pulang: Mapped[time]  # earlier than masuk: the hours cross midnight

    jadwal: Mapped[JadwalKerja] = relationship(back_populates="hari")
    __table_args__ = (UniqueConstraint("jadwal_id", "hari", name="uq_jadwal_hari"),)


class JadwalJabatan(db.Model):
    __tablename__ = "jadwal_jabatan"
    id: Mapped[int] = mapped_column(primary_key=True)
    jabatan_id: Mapped[int] = mapped_column(ForeignKey("jabatan.id"), index=True)
    jadwal_id: Mapped[int] = mapped_column(ForeignKey("jadwal_kerja.id"), index=True)
    mulai: Mapped[date]
    selesai: Mapped[date | None]

    jadwal: Mapped[JadwalKerja] = relationship(lazy="joined")


class Presensi(db.Model):
    __tablename__ = "presensi"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[date]
    datang: Mapped[datetime | None]
    pulang: Mapped[datetime | None]
    sumber_datang: Mapped[str | None] = mapped_column(String(8))
    sumber_pulang: Mapped[str | None] = mapped_column(String(8))
    lintang: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    bujur: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    # "diberikan" or "ditolak" (the browser refused); None when not asked (WFO, no JavaScript).
    lokasi: Mapped[str | None] = mapped_column(String(9))
    jauh: Mapped[bool | None]  # far from every place on record (None: nothing to compare)
    kunci_datang: Mapped[str | None] = mapped_column(String(64))
    kunci_pulang: Mapped[str | None] = mapped_column(String(64))
    diubah_pada: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("pegawai_id", "tanggal", name="uq_presensi_hari"),
                      Index("ix_presensi_tanggal_pegawai", "tanggal", "pegawai_id"))


class PinMesin(db.Model):
    __tablename__ = "pin_mesin"
    id: Mapped[int] = mapped_column(primary_key=True)
    pin: Mapped[str] = mapped_column(String(20), unique=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)

    pegawai = relationship("Pegawai", lazy="joined")


class TempatKerja(db.Model):
    __tablename__ = "tempat_kerja"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    pegawai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    nama: Mapped[str] = mapped_column(String(150))
    lintang: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    bujur: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    radius_m: Mapped[int] = mapped_column(default=500)


class PengajuanPresensi(db.Model):
    __tablename__ = "pengajuan_presensi"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[date]
    jenis: Mapped[str] = mapped_column(String(12))
    datang: Mapped[datetime | None]  # asked times (corrections)
    pulang: Mapped[datetime | None]
    alasan: Mapped[str] = mapped_column(String(500))
    bukti_nama: Mapped[str | None] = mapped_column(String(200))
    bukti_simpan: Mapped[str | None] = mapped_column(String(64), unique=True)
    bukti_mime: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default="diajukan")
    catatan: Mapped[str | None] = mapped_column(String(500))
    diputus_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    diputus_pada: Mapped[datetime | None]
    kunci: Mapped[str] = mapped_column(String(64))
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)

    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id], lazy="joined")
    __table_args__ = (UniqueConstraint("pegawai_id", "kunci", name="uq_pengajuan_presensi_kunci"),
                      Index("ix_pengajuan_presensi_pegawai_tanggal", "pegawai_id", "tanggal"),
                      Index("ix_pengajuan_presensi_status", "status"))


class ImporPresensi(db.Model):
    __tablename__ = "impor_presensi"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    pembuat_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    dibuat: Mapped[datetime] = mapped_column(default=utcnow)
    nama_berkas: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    # menunggu (preview shown) -> diterapkan (applied)
    status: Mapped[str] = mapped_column(String(12), default="menunggu")
    ringkasan_json: Mapped[str] = mapped_column(Text)
    diterapkan: Mapped[datetime | None]


class BulanPresensiTutup(db.Model):
    __tablename__ = "bulan_presensi_tutup"
    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int]
    bulan: Mapped[int]
    ditutup_oleh_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    ditutup_pada: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("tahun", "bulan", name="uq_bulan_presensi_tutup"),)
