"""Rencana aksi of a person: the month's plan per RHK, adding, changing, copying forward, and
the progress of each toward its target."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import contains_eager, joinedload

from portal import clock
from portal.access import MAX_ID
from portal.extensions import db
from portal.models import (
    Periode,
    ProgresHarian,
    RencanaAksi,
    Rhk,
    Skp,
    SubPeriode,
)
from portal.rencana.pengaturan import hari_kerja_instansi, pengaturan
from portal.rules.rencana import awal_akhir_bulan, bulan_sebelumnya, bulan_terkunci
from portal.rules.tanggal import BULAN


def label_bulan(tahun: int, bulan: int) -> str:
    return f"{BULAN[bulan - 1]} {tahun}"


def parse_bulan(text: str | None, default: tuple[int, int]) -> tuple[int, int]:
    """"2026-11" -> (2026, 11); anything else -> `default`."""
    try:
        tahun, bulan = (int(x) for x in (text or "").split("-"))
        date(tahun, bulan, 1)
    except ValueError:
        return default
    return tahun, bulan


def untuk_bulan(pegawai_id: int, tahun: int, bulan: int) -> list[RencanaAksi]:
    """The person's rencana aksi of a month on RHK that are not archived (one statement)."""
    return list(db.session.scalars(
        select(RencanaAksi).join(Rhk, Rhk.id == RencanaAksi.rhk_id)
        .where(RencanaAksi.pegawai_id == pegawai_id, RencanaAksi.tahun == tahun,
               RencanaAksi.bulan == bulan, Rhk.diarsipkan.is_(False))
        .options(contains_eager(RencanaAksi.rhk))
        .order_by(Rhk.urutan, RencanaAksi.urutan, RencanaAksi.id)))


def dari_bawahan(rhk_ids: list[int], tahun: int, bulan: int) -> dict[int, list[RencanaAksi]]:
    """The month's rencana aksi of the reports whose RHK intervene these RHK, by the RHK they
    serve (one statement): what the team plans toward each of the supervisor's results."""
    if not rhk_ids:
        return {}
    out: dict[int, list[RencanaAksi]] = {}
    for ra in db.session.scalars(
            select(RencanaAksi).join(Rhk, Rhk.id == RencanaAksi.rhk_id)
            .where(Rhk.rhk_atasan_id.in_(rhk_ids), Rhk.diarsipkan.is_(False),
                   RencanaAksi.tahun == tahun, RencanaAksi.bulan == bulan)
            .options(contains_eager(RencanaAksi.rhk), joinedload(RencanaAksi.pegawai))
            .order_by(RencanaAksi.pegawai_id, RencanaAksi.urutan, RencanaAksi.id)):
        out.setdefault(ra.rhk.rhk_atasan_id, []).append(ra)
    return out


def milik(pegawai_id: int, ids) -> dict[int, RencanaAksi]:
    """The person's own rencana aksi among `ids` (others' are simply absent)."""
    ids = [i for i in ids if i and 0 < i <= MAX_ID]
    if not ids:
        return {}
    return {ra.id: ra for ra in db.session.scalars(select(RencanaAksi).where(
        RencanaAksi.id.in_(ids), RencanaAksi.pegawai_id == pegawai_id))}


def bulan_skp(skp: Skp, hari_ini: date | None = None) -> list[tuple[int, int]]:
    """The months of the SKP's span up to the current one (the months one may plan)."""
    hari_ini = hari_ini or clock.today()
    out, (t, b) = [], (skp.mulai.year, skp.mulai.month)
    last = min((skp.selesai.year, skp.selesai.month), (hari_ini.year, hari_ini.month)) \
        if hari_ini >= skp.mulai else (skp.mulai.year, skp.mulai.month)
    while (t, b) <= last:
        out.append((t, b))
        t, b = (t + 1, 1) if b == 12 else (t, b + 1)
    return out


def terkunci(tahun: int, bulan: int, hari_ini: date | None = None) -> bool:
    """Locked with the month: its sub-period or its whole year is closed (the same question as
    `periode.is_closed`, asked of every sub-period the month touches), or (verification on) no
    entry of the month may be made any more."""
    hari_ini = hari_ini or clock.today()
    awal, akhir = awal_akhir_bulan(tahun, bulan)
    ditutup = db.session.scalar(select(func.count(SubPeriode.id)).join(Periode).where(
        SubPeriode.mulai <= akhir, SubPeriode.selesai >= awal,
        or_(SubPeriode.ditutup, Periode.ditutup)))
    setting = pengaturan()
    batas = setting.batas_telat_entri if setting.verifikasi_aktif else None
    return bulan_terkunci(tahun, bulan, hari_ini, sub_ditutup=bool(ditutup), batas_telat=batas,
                          hari_kerja=hari_kerja_instansi())


@dataclass
class Kemajuan:
    """A rencana aksi with the month's entries that name it and the sum of their output."""

    ra: RencanaAksi
    entri: list[ProgresHarian] = field(default_factory=list)
    jumlah_tetap: Decimal | None = None  # the sum when it was summed by the database

    @property
    def jumlah(self) -> Decimal:
        if self.jumlah_tetap is not None:
            return self.jumlah_tetap
        return sum((e.output or Decimal(0) for e in self.entri), Decimal(0))

    @property
    def persen(self) -> int | None:
        if self.ra.target is None or self.ra.target <= 0:
            return None
        return min(int(self.jumlah * 100 / self.ra.target), 100)


def kemajuan(pegawai_id: int, tahun: int, bulan: int,
             rencana: list[RencanaAksi]) -> tuple[dict[int, Kemajuan], list[ProgresHarian]]:
    """Entries of the month grouped by rencana aksi; and those that name none ("tanpa rencana
    aksi"). One statement."""
    awal, akhir = awal_akhir_bulan(tahun, bulan)
    out = {ra.id: Kemajuan(ra) for ra in rencana}
    tanpa = []
    for e in db.session.scalars(select(ProgresHarian).where(
            ProgresHarian.pegawai_id == pegawai_id, ProgresHarian.tanggal.between(awal, akhir))
            .order_by(ProgresHarian.tanggal, ProgresHarian.id)):
        if e.rencana_aksi_id in out:
            out[e.rencana_aksi_id].entri.append(e)
        else:
            tanpa.append(e)
    return out, tanpa


def jumlah_per_rencana(pegawai_id: int, awal: date, akhir: date) -> dict[int, Decimal]:
    """Sum of entry output per rencana aksi over a span (the realization form's hint)."""
    return {r[0]: r[1] or Decimal(0) for r in db.session.execute(
        select(ProgresHarian.rencana_aksi_id, func.sum(ProgresHarian.output))
        .where(ProgresHarian.pegawai_id == pegawai_id, ProgresHarian.tanggal.between(awal, akhir),
               ProgresHarian.rencana_aksi_id.is_not(None))
        .group_by(ProgresHarian.rencana_aksi_id))}


def tambah(pegawai_id: int, rhk: Rhk, tahun: int, bulan: int, values: dict,
           kunci: str | None) -> tuple[RencanaAksi, bool]:
    from portal import kunci as kunci_mod

    def build() -> RencanaAksi:
        urutan = db.session.scalar(select(func.count(RencanaAksi.id)).where(
            RencanaAksi.rhk_id == rhk.id, RencanaAksi.tahun == tahun,
            RencanaAksi.bulan == bulan)) or 0
        ra = RencanaAksi(pegawai_id=pegawai_id, rhk_id=rhk.id, tahun=tahun, bulan=bulan,
                         urutan=urutan, kunci=kunci, **values)
        db.session.add(ra)
        return ra

    return kunci_mod.once(RencanaAksi, "pegawai_id", pegawai_id, kunci, build)


def ubah(ra: RencanaAksi, values: dict) -> None:
    for key, value in values.items():
        setattr(ra, key, value)


def ada_entri(ra: RencanaAksi) -> bool:
    return db.session.scalar(select(ProgresHarian.id).where(
        ProgresHarian.rencana_aksi_id == ra.id).limit(1)) is not None


def salin_dari_bulan_lalu(pegawai_id: int, rhk_ids: list[int], tahun: int, bulan: int) -> int:
    """Copy last month's rencana aksi of these RHK into this month, skipping any whose text is
    already planned for the same RHK this month (so a second click copies nothing). Returns how
    many were copied; the caller commits."""
    lalu = bulan_sebelumnya(tahun, bulan)
    rows = list(db.session.scalars(select(RencanaAksi).where(
        RencanaAksi.pegawai_id == pegawai_id, RencanaAksi.rhk_id.in_(rhk_ids),
        tuple_(RencanaAksi.tahun, RencanaAksi.bulan).in_([lalu, (tahun, bulan)]))
        .order_by(RencanaAksi.urutan, RencanaAksi.id)))
    ada = {(r.rhk_id, r.teks.strip().lower()) for r in rows if (r.tahun, r.bulan) == (tahun, bulan)}
    n = 0
    for r in rows:
        if (r.tahun, r.bulan) != lalu or (r.rhk_id, r.teks.strip().lower()) in ada:
            continue
        db.session.add(RencanaAksi(pegawai_id=pegawai_id, rhk_id=r.rhk_id, tahun=tahun,
                                   bulan=bulan, teks=r.teks, target=r.target, satuan=r.satuan,
                                   target_teks=r.target_teks, urutan=r.urutan))
        ada.add((r.rhk_id, r.teks.strip().lower()))
        n += 1
    return n


def untuk_realisasi(pegawai_id: int, awal: date, akhir: date) -> dict[int, list[Kemajuan]]:
    """The realization form's hint: per RHK, the rencana aksi of the months of a sub-period
    with the sum of their entries' output (two statements)."""
    months = {(awal.year, awal.month)}
    day = awal
    while (day.year, day.month) < (akhir.year, akhir.month):
        day = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
        months.add((day.year, day.month))
    rows = list(db.session.scalars(select(RencanaAksi).where(
        RencanaAksi.pegawai_id == pegawai_id,
        tuple_(RencanaAksi.tahun, RencanaAksi.bulan).in_(sorted(months)))
        .order_by(RencanaAksi.tahun, RencanaAksi.bulan, RencanaAksi.urutan, RencanaAksi.id)))
    if not rows:
        return {}
    sums = jumlah_per_rencana(pegawai_id, awal, akhir)
    out: dict[int, list[Kemajuan]] = {}
    for ra in rows:
        out.setdefault(ra.rhk_id, []).append(Kemajuan(ra, jumlah_tetap=sums.get(ra.id)))
    return out
