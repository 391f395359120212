"""SIASN outbox: what the portal owes BKN's SIASN, kept until SIASN has confirmed it.

- KirimanSiasn: one "kinerja periodik" record of one final rating (`penilaian`), with the
  portal's values (`payload`) and the record in SIASN's field names and codes as last sent
  (`isi_siasn`). `kunci` (NIP, year, period code) is the idempotency key: one row per
  record ever, so a resend updates SIASN's record (`siasn_id`) instead of making a second one.
  `status`: antre (waiting, `berikutnya_pada` says when), kirim (claimed by a sender), terkirim,
  gagal (refused or out of tries; `alasan` says why). `tidak_pasti`: a send whose answer never
  came (timeout): before sending again, SIASN is asked whether it already holds the record.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

STATUS_KIRIMAN = ("antre", "kirim", "terkirim", "gagal")


class KirimanSiasn(db.Model):
    __tablename__ = "kiriman_siasn"
    id: Mapped[int] = mapped_column(primary_key=True)
    kunci: Mapped[str] = mapped_column(String(80), unique=True)
    jenis: Mapped[str] = mapped_column(String(20), default="kinerja_periodik")
    penilaian_id: Mapped[int] = mapped_column(ForeignKey("penilaian.id"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON: the portal's values, frozen when queued
    isi_siasn: Mapped[str | None] = mapped_column(Text)  # JSON: the record as last sent
    status: Mapped[str] = mapped_column(String(10), default="antre")
    percobaan: Mapped[int] = mapped_column(default=0)
    berikutnya_pada: Mapped[datetime] = mapped_column(default=utcnow)
    diklaim_pada: Mapped[datetime | None]
    tidak_pasti: Mapped[bool] = mapped_column(default=False)
    alasan: Mapped[str | None] = mapped_column(Text)
    siasn_id: Mapped[str | None] = mapped_column(String(64))
    jawaban: Mapped[str | None] = mapped_column(Text)
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    diperbarui_pada: Mapped[datetime] = mapped_column(default=utcnow)
    terkirim_pada: Mapped[datetime | None]

    pegawai = relationship("Pegawai")
    penilaian = relationship("Penilaian")
    __table_args__ = (Index("ix_kiriman_siasn_status_berikutnya", "status", "berikutnya_pada"),)
