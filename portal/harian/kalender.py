"""Calendar look-ups for one person: holidays, absences, open sub-periods (few statements)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    String,
    bindparam,
    cast,
    false,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import contains_eager

from portal import orgtree
from portal.extensions import db
from portal.models import (
    HariLibur,
    Instansi,
    Ketidakhadiran,
    ModeKerja,
    PengaturanHarian,
    Periode,
    SubPeriode,
)
from portal.rules.hari_kerja import alasan_bukan_hari_kerja, senin


@dataclass
class Kalender:
    """What the rules need about one person's days, loaded once per request."""

    libur: set[date] = field(default_factory=set)
    absen: list[tuple[date, date]] = field(default_factory=list)
    sub: list[SubPeriode] = field(default_factory=list)  # sub-periods of the active period
    batas: int = 2
    batas_telat: int | None = None  # working days an entry may be late (verification on)

    def alasan(self, day: date) -> str | None:
        return alasan_bukan_hari_kerja(day, self.libur, self.absen)

    def hari_kerja(self, day: date) -> bool:
        return self.alasan(day) is None

    def sub_on(self, day: date) -> SubPeriode | None:
        return next((s for s in self.sub if s.mulai <= day <= s.selesai), None)

    def terbuka(self, day: date) -> bool:
        sub = self.sub_on(day)
        return sub is not None and not sub.is_closed


def instansi() -> Instansi | None:
    return db.session.scalar(select(Instansi).order_by(Instansi.id).limit(1))


def libur_set() -> set[date]:
    return set(db.session.scalars(select(HariLibur.tanggal)))


def kalender(pegawai_id: int) -> Kalender:
    """Two statements (every daily entry asks): the active sub-periods with the flexible-work
    cap and the entry deadline, and the holidays with this person's absences."""
    batas = (select(Instansi.batas_hari_fleksibel).order_by(Instansi.id).limit(1)
             .scalar_subquery())
    telat = (select(PengaturanHarian.batas_telat_entri).where(PengaturanHarian.verifikasi_aktif)
             .order_by(PengaturanHarian.instansi_id).limit(1).scalar_subquery())
    rows = db.session.execute(select(SubPeriode, batas, telat).join(Periode)
                              .where(Periode.aktif).options(contains_eager(SubPeriode.periode))
                              .order_by(SubPeriode.nomor)).all()
    if rows:
        limit, late = rows[0][1], rows[0][2]
    else:  # no active period: the cap alone
        inst = instansi()
        limit, late = (inst.batas_hari_fleksibel if inst else None), None
    days = db.session.execute(union_all(
        select(HariLibur.tanggal.label("mulai"), HariLibur.tanggal.label("selesai"),
               literal(False).label("absen")),
        select(Ketidakhadiran.mulai, Ketidakhadiran.selesai, literal(True))
        .where(Ketidakhadiran.pegawai_id == pegawai_id))).all()
    libur = {d.mulai for d in days if not d.absen}
    absen = [(d.mulai, d.selesai) for d in days if d.absen]
    return Kalender(libur, absen, [r[0] for r in rows], 2 if limit is None else limit, late)


def fleksibel(pegawai_id: int) -> bool:
    seat = orgtree.seat_today(pegawai_id)
    return bool(seat and seat.fleksibel)


class Sub(NamedTuple):
    """A sub-period as the daily entry's rules need it (`Kalender.sub_on`, `terbuka`)."""

    id: int
    mulai: date
    selesai: date
    is_closed: bool


def _row(jenis, mulai=None, selesai=None, angka=None, angka2=None, tutup=None):
    """One branch of `untuk_entri`'s UNION ALL: every branch has the same typed columns."""
    return (jenis if not isinstance(jenis, str) else cast(literal(jenis), String),
            mulai if mulai is not None else cast(null(), Date),
            selesai if selesai is not None else cast(null(), Date),
            angka if angka is not None else cast(null(), Integer),
            angka2 if angka2 is not None else cast(null(), Integer),
            tutup if tutup is not None else cast(false(), Boolean))


@cache
def _untuk_entri(with_week: bool):
    """`untuk_entri`'s statement, built once per process (only the values change)."""
    batas = (select(Instansi.batas_hari_fleksibel).order_by(Instansi.id).limit(1)
             .scalar_subquery())
    telat = (select(PengaturanHarian.batas_telat_entri).where(PengaturanHarian.verifikasi_aktif)
             .order_by(PengaturanHarian.instansi_id).limit(1).scalar_subquery())
    parts = [
        select(*_row("batas", angka=batas, angka2=telat)),
        select(*_row("sub", SubPeriode.mulai, SubPeriode.selesai, SubPeriode.id,
                     tutup=or_(SubPeriode.ditutup, Periode.ditutup)))
        .join(Periode, Periode.id == SubPeriode.periode_id).where(Periode.aktif),
        select(*_row("libur", HariLibur.tanggal, HariLibur.tanggal)),
        select(*_row("absen", Ketidakhadiran.mulai, Ketidakhadiran.selesai))
        .where(Ketidakhadiran.pegawai_id == bindparam("pid"))]
    if with_week:
        parts.append(select(*_row(ModeKerja.mode, ModeKerja.tanggal, ModeKerja.tanggal)).where(
            ModeKerja.pegawai_id == bindparam("pid"),
            ModeKerja.tanggal >= bindparam("dari", type_=Date),
            ModeKerja.tanggal <= bindparam("sampai", type_=Date)))
    return union_all(*parts)


def untuk_entri(pegawai_id: int, day: date | None) -> tuple[Kalender, dict[date, str] | None]:
    """`kalender` and the work modes of `day`'s week in one round trip (the daily entry's hot
    path): the active sub-periods, the flexible-work cap and the entry deadline, the holidays,
    this person's absences and this week's modes as rows of one UNION ALL. The modes are None
    when there is no day."""
    params = {"pid": pegawai_id}
    if day is not None:
        params["dari"] = senin(day)
        params["sampai"] = params["dari"] + timedelta(days=6)
    rows = db.session.execute(_untuk_entri(day is not None), params)
    kal, modes = Kalender(), ({} if day is not None else None)
    limit = late = None
    for jenis, mulai, selesai, angka, angka2, tutup in rows:
        if jenis == "batas":
            limit, late = angka, angka2
        elif jenis == "sub":
            kal.sub.append(Sub(angka, mulai, selesai, bool(tutup)))
        elif jenis == "libur":
            kal.libur.add(mulai)
        elif jenis == "absen":
            kal.absen.append((mulai, selesai))
        else:
            modes[mulai] = jenis
    kal.sub.sort(key=lambda s: s.mulai)
    kal.batas = 2 if limit is None else limit
    kal.batas_telat = late if kal.sub else None  # the deadline counts only in an active period
    return kal, modes
