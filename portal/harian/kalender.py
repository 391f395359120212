"""Calendar look-ups for one person: holidays, absences, open sub-periods (few statements)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import contains_eager

from portal import orgtree
from portal.extensions import db
from portal.models import HariLibur, Instansi, Ketidakhadiran, PengaturanHarian, Periode, SubPeriode
from portal.rules.hari_kerja import alasan_bukan_hari_kerja


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
