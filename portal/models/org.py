"""The organization: instansi, the unit tree, seats (jabatan) and who holds them.

- Instansi: the deployment's government (a province or regency).
- Unit kerja: a node of the unit tree, OPD → bidang → subbidang/seksi.
- Jabatan: one seat with at most one holder at a time; `atasan_id` is the supervising seat
  and the Sekda's seat is the root (no atasan).
- Riwayat jabatan: a dated assignment of a pegawai to a seat; a move ends one and starts the next.
- Plt/Plh: a dated appointment of someone to act for a vacant or absent seat. One to a seat with
  reports waits (`menunggu`) for a second person's confirmation before it acts (`berlaku`).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db

JENIS_JABATAN = ("struktural", "fungsional", "pelaksana")
ESELON = ("I", "II", "III", "IV")
PLT_BERLAKU, PLT_MENUNGGU = "berlaku", "menunggu"


class Instansi(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    tempat: Mapped[str] = mapped_column(String(100))
    kepala_daerah_nama: Mapped[str] = mapped_column(String(200))
    kepala_daerah_nip: Mapped[str | None] = mapped_column(String(18))
    kepala_daerah_jabatan: Mapped[str] = mapped_column(String(100), default="Gubernur")
    batas_hari_fleksibel: Mapped[int] = mapped_column(default=2)
    # Numbers of issued documents (portal/rules/nomor_dokumen.py), e.g. "800/KIN/{tahun}/{nomor:6}"
    pola_nomor_dokumen: Mapped[str] = mapped_column(
        String(60), default="800/KIN/{tahun}/{nomor:6}",
        server_default="800/KIN/{tahun}/{nomor:6}")


class UnitKerja(db.Model):
    __tablename__ = "unit_kerja"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    induk_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    aktif: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # admin edits (locking.py)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    induk: Mapped[UnitKerja | None] = relationship(remote_side=[id])
    __table_args__ = (UniqueConstraint("instansi_id", "kunci", name="uq_unit_kerja_kunci"),)

    def path(self) -> list[UnitKerja]:
        """Units from the top (OPD) down to this one; trees are a few levels deep."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.induk
        return chain[::-1]

    @property
    def path_text(self) -> str:
        return " / ".join(u.nama for u in self.path())


class Jabatan(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[str] = mapped_column(String(20))
    eselon: Mapped[str | None] = mapped_column(String(4))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    atasan_id: Mapped[int | None] = mapped_column(ForeignKey("jabatan.id"), index=True)
    fleksibel: Mapped[bool] = mapped_column(default=False)
    aktif: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # admin edits (locking.py)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form

    unit: Mapped[UnitKerja] = relationship(lazy="joined")
    atasan: Mapped[Jabatan | None] = relationship(remote_side=[id])
    __table_args__ = (UniqueConstraint("unit_id", "kunci", name="uq_jabatan_kunci"),)

    @property
    def jenis_label(self) -> str:
        if self.jenis == "struktural" and self.eselon:
            return f"Struktural (eselon {self.eselon})"
        return self.jenis.capitalize()


class RiwayatJabatan(db.Model):
    __tablename__ = "riwayat_jabatan"
    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jabatan_id: Mapped[int] = mapped_column(ForeignKey("jabatan.id"), index=True)
    mulai: Mapped[date]
    selesai: Mapped[date | None]
    keterangan: Mapped[str | None] = mapped_column(String(200))

    pegawai = relationship("Pegawai", back_populates="riwayat")
    jabatan: Mapped[Jabatan] = relationship(lazy="joined")

    __table_args__ = (
        # One open assignment per seat and per person: the database, not the code, guarantees it.
        Index("uq_riwayat_kursi_terbuka", "jabatan_id", unique=True,
              sqlite_where=text("selesai IS NULL"), postgresql_where=text("selesai IS NULL")),
        Index("uq_riwayat_pegawai_terbuka", "pegawai_id", unique=True,
              sqlite_where=text("selesai IS NULL"), postgresql_where=text("selesai IS NULL")),
    )


class PltJabatan(db.Model):
    __tablename__ = "plt_jabatan"
    id: Mapped[int] = mapped_column(primary_key=True)
    jabatan_id: Mapped[int] = mapped_column(ForeignKey("jabatan.id"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(3), default="Plt")
    nomor_sk: Mapped[str] = mapped_column(String(100))
    mulai: Mapped[date]
    selesai: Mapped[date]
    catatan: Mapped[str | None] = mapped_column(Text)
    kunci: Mapped[str | None] = mapped_column(String(64))  # idempotency key of the form
    # berlaku: acts from `mulai`; menunggu: waits for the second person's confirmation.
    status: Mapped[str] = mapped_column(String(10), default=PLT_BERLAKU,
                                        server_default=PLT_BERLAKU)
    diusulkan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dikonfirmasi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dikonfirmasi_pada: Mapped[datetime | None]

    jabatan: Mapped[Jabatan] = relationship(lazy="joined")
    pegawai = relationship("Pegawai", lazy="joined", foreign_keys=[pegawai_id])
    diusulkan_oleh = relationship("Pegawai", foreign_keys=[diusulkan_oleh_id])
    dikonfirmasi_oleh = relationship("Pegawai", foreign_keys=[dikonfirmasi_oleh_id])
    __table_args__ = (UniqueConstraint("jabatan_id", "kunci", name="uq_plt_jabatan_kunci"),)
