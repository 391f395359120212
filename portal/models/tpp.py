"""TPP (tambahan penghasilan pegawai): the Perkada's rules as versioned data, the kelas jabatan
of each seat, the per-person facts a month needs, and the monthly runs with every line.

- TppAturan: one version of the rules (a Perkada/Pergub), in force from `mulai` (first day of a
  month) until `selesai` or the next version; `isi` is the JSON of `rules.tpp_aturan.Aturan`.
  `penyetuju_id` names the official who approves runs under it (None: the Sekda).
- TppJabatan: the kelas jabatan (1–17) of a seat and its optional criteria (JSON list).
- TppCatatan: a fact about a person the run applies: a disciplinary sentence (hukuman, with
  tingkat and number of months), a missing LHKPN/LHKASN, long leave (cuti_besar) or study
  leave (tugas_belajar), each from `mulai` to `selesai` (None: still in force).
- TppRun: the computation of a month for the instansi (`unit_id` None) or one OPD. Status
  berjalan (running), gagal (failed, nothing kept), tinjau (in review), disetujui (approved:
  locked), diganti (replaced by a later run before approval). A correction (`jenis` koreksi)
  names the run it corrects (`induk_id`) and its reason, and keeps only the people whose
  amount changed, with the difference.
- TppHasil: one person's result in a run, the identity frozen as it was that month, every line
  item (JSON) and, for a correction, `selisih` (the change of the net amount).
"""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.audit import utcnow

JENIS_CATATAN = ("hukuman", "lhkpn", "cuti_besar", "tugas_belajar")
STATUS_RUN = ("berjalan", "gagal", "tinjau", "disetujui", "diganti")


class TppAturan(db.Model):
    __tablename__ = "tpp_aturan"
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    mulai: Mapped[date] = mapped_column(unique=True)
    selesai: Mapped[date | None]
    isi: Mapped[str] = mapped_column(Text)
    penyetuju_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dibuat_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)

    penyetuju = relationship("Pegawai", foreign_keys=[penyetuju_id])

    @property
    def data(self) -> dict:
        return json.loads(self.isi)


class TppJabatan(db.Model):
    __tablename__ = "tpp_jabatan"
    jabatan_id: Mapped[int] = mapped_column(ForeignKey("jabatan.id"), primary_key=True)
    kelas: Mapped[int | None]
    kriteria: Mapped[str] = mapped_column(Text, default="[]")


class TppCatatan(db.Model):
    __tablename__ = "tpp_catatan"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(16))
    tingkat: Mapped[str | None] = mapped_column(String(10))
    nomor: Mapped[str | None] = mapped_column(String(100))
    mulai: Mapped[date]
    selesai: Mapped[date | None]
    bulan: Mapped[int | None]  # a sentence's length in months
    keterangan: Mapped[str | None] = mapped_column(String(200))

    pegawai = relationship("Pegawai", lazy="joined")


class TppRun(db.Model):
    __tablename__ = "tpp_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    bulan: Mapped[date] = mapped_column(index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"))
    aturan_id: Mapped[int] = mapped_column(ForeignKey("tpp_aturan.id"))
    jenis: Mapped[str] = mapped_column(String(8), default="utama")
    induk_id: Mapped[int | None] = mapped_column(ForeignKey("tpp_run.id"))
    alasan: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="berjalan", index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("job.id"))
    dibuat_oleh_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    dibuat_pada: Mapped[datetime] = mapped_column(default=utcnow)
    disetujui_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    disetujui_pada: Mapped[datetime | None]
    # The kepala daerah's approval of the approver's own amount, recorded by the admin.
    sendiri_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    jumlah_pegawai: Mapped[int] = mapped_column(default=0)
    total_bruto: Mapped[int] = mapped_column(BigInteger, default=0)
    total_netto: Mapped[int] = mapped_column(BigInteger, default=0)
    anomali: Mapped[str] = mapped_column(Text, default="[]")

    aturan: Mapped[TppAturan] = relationship(lazy="joined")
    unit = relationship("UnitKerja", lazy="joined")
    job = relationship("Job")
    induk = relationship("TppRun", remote_side=[id])
    disetujui_oleh = relationship("Pegawai", foreign_keys=[disetujui_oleh_id])

    @property
    def anomali_list(self) -> list[dict]:
        return json.loads(self.anomali or "[]")


class TppHasil(db.Model):
    __tablename__ = "tpp_hasil"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("tpp_run.id"))
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"))
    nip: Mapped[str] = mapped_column(String(18))
    nama: Mapped[str] = mapped_column(String(300))
    golongan: Mapped[str | None] = mapped_column(String(20))
    jabatan: Mapped[str | None] = mapped_column(String(200))
    kelas: Mapped[int | None]
    pagu: Mapped[int] = mapped_column(default=0)
    skor_kinerja: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=0)
    skor_disiplin: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=0)
    kinerja: Mapped[int] = mapped_column(default=0)
    disiplin: Mapped[int] = mapped_column(default=0)
    potongan: Mapped[int] = mapped_column(default=0)
    bruto: Mapped[int] = mapped_column(default=0)
    bpjs: Mapped[int] = mapped_column(default=0)
    pph21: Mapped[int] = mapped_column(default=0)
    netto: Mapped[int] = mapped_column(default=0)
    selisih: Mapped[int | None]
    catatan: Mapped[str] = mapped_column(String(120), default="")
    baris: Mapped[str] = mapped_column(Text, default="[]")

    run: Mapped[TppRun] = relationship(lazy="joined")
    __table_args__ = (
        UniqueConstraint("run_id", "pegawai_id", name="uq_tpp_hasil_run_pegawai"),
        Index("ix_tpp_hasil_pegawai_run", "pegawai_id", "run_id"),
        Index("ix_tpp_hasil_run_opd", "run_id", "opd_id"),
    )

    @property
    def baris_list(self) -> list[dict]:
        return json.loads(self.baris or "[]")
