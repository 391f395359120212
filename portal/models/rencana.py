"""Rencana aksi and the verification of daily work.

- Rencana aksi: what a person will do in one month for one RHK of their approved SKP, with a
  target that is a number and unit ("12 laporan") or a description ("draf Perkada selesai").
  It is the employee's own plan of work: adding or changing one never needs the SKP approved
  again, but a month closes with its sub-period (and with the entry deadline when verification
  is on). Each daily entry names the rencana aksi it advances (`ProgresHarian.rencana_aksi_id`);
  entries made before rencana aksi existed keep only their RHK.
- Verifikasi: where the instansi turns it on, the direct supervisor (or Plt) accepts or returns
  each daily entry (`ProgresHarian.verifikasi`: NULL while it waits, "diterima", "dikembalikan"
  with a note). An accepted entry is locked; a returned one goes back to its author, who edits
  and sends it again (it waits again).
- Pengaturan harian: the instansi's settings of the daily log, data and not code: verification
  on or off, how many working days late an entry may be made, how many working days after a
  week its entries may be verified, and the hour after which a day without entries is reminded.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

STATUS_VERIFIKASI = ("diterima", "dikembalikan")  # NULL: waiting (or verification is off)


class RencanaAksi(db.Model):
    __tablename__ = "rencana_aksi"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rhk.id"), index=True)
    tahun: Mapped[int]
    bulan: Mapped[int]  # 1..12
    teks: Mapped[str] = mapped_column(String(300))
    target: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    satuan: Mapped[str | None] = mapped_column(String(40))
    target_teks: Mapped[str | None] = mapped_column(String(200))
    urutan: Mapped[int] = mapped_column(default=0)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    rhk = relationship("Rhk")
    pegawai = relationship("Pegawai")
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("pegawai_id", "kunci", name="uq_rencana_aksi_kunci"),
                      Index("ix_rencana_aksi_pegawai_bulan", "pegawai_id", "tahun", "bulan"))

    @property
    def kode(self) -> str:
        """The code a person types in the import template."""
        return f"RA-{self.id}"

    @property
    def target_label(self) -> str:
        if self.target is not None:
            return f"{self.target.normalize():f} {self.satuan or ''}".strip()
        return self.target_teks or ""


class PengaturanHarian(db.Model):
    __tablename__ = "pengaturan_harian"
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), primary_key=True)
    verifikasi_aktif: Mapped[bool] = mapped_column(default=False)
    batas_telat_entri: Mapped[int] = mapped_column(default=3)  # working days after the day
    batas_verifikasi: Mapped[int] = mapped_column(default=5)   # working days after the week
    jam_pengingat: Mapped[int] = mapped_column(default=15)     # hour of the day, instansi zone
