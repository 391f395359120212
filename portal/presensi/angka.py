"""Discipline figures per OPD for the Sekda and the dashboard: one grouped statement over the
people in view × the month's working days, whatever the head count (as the dashboard's).

The working days and their hours are the instansi's regular schedule (with Ramadan and
holidays), given to the database as a small table of dates; the tiers follow
`rules.presensi.status_hari` (the test compares both on the demo province). People whose seat
has a shift schedule have their own days: they are counted apart (`shift`) and their month is
in the team and rekap views, which run the rule per person.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from portal import clock
from portal.extensions import db
from portal.models import JadwalJabatan, Ketidakhadiran, PengajuanPresensi, Presensi
from portal.organisasi.services import opd_names_of, population
from portal.presensi.rekap import Kalender, hari_bulan
from portal.rules import presensi as aturan

KOLOM = ("hadir", "tepat_waktu", "TL", "PSW", "TK", "izin", "sakit", "cuti", "DL")


def hari_kerja(tahun: int, bulan: int, sampai: date) -> tuple[list[tuple], tuple[int, ...]]:
    """[(date, masuk, pulang, tolerance)] of the month's regular working days up to `sampai`,
    and the tier bounds in force at its end."""
    days = [d for d in hari_bulan(tahun, bulan) if d <= sampai]
    if not days:
        return [], aturan.BATAS_DEFAULT
    kal = Kalender(days[0], days[-1])
    out, batas = [], aturan.BATAS_DEFAULT
    for day in days:
        jadwal, batas = aturan.pilih_jadwal(day, kal.reguler, kal.ramadan)
        jam = jadwal.jam(day)
        if jam is not None and not (jadwal.ikut_libur and day in kal.libur):
            out.append((day, jam.masuk, jam.pulang, jam.toleransi))
    return out, batas


def _menit(col):
    """Whole minutes since the epoch (seconds dropped), on PostgreSQL and SQLite."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.floor(func.extract("epoch", col) / 60), Integer)
    return cast(func.strftime("%s", col), Integer) // 60


def _tier(prefix: str, minutes, batas: tuple[int, ...], missing):
    whens = [(missing, f"{prefix}{len(batas) + 1}")]
    whens += [(minutes <= b, f"{prefix}{n}") for n, b in enumerate(batas, start=1)]
    return case(*whens, else_=f"{prefix}{len(batas) + 1}")


def per_opd(viewer_id: int | None, tahun: int, bulan: int, sampai: date | None = None) -> dict:
    """{"baris": [{id, nama, pegawai, shift, hari_kerja, hadir, tepat_waktu, TL, PSW, TK, izin,
    sakit, cuti, DL, TL1.., PSW1..}], "jumlah": {...}, "sampai": date} for the people in view
    (all for viewer None)."""
    today = clock.today()
    sampai = min(sampai or today - timedelta(days=1), today - timedelta(days=1))
    days, batas = hari_kerja(tahun, bulan, sampai)
    pop = population(viewer_id, today)
    on_shift = select(JadwalJabatan.id).where(
        JadwalJabatan.jabatan_id == pop.c.jabatan_id, JadwalJabatan.mulai <= today,
        or_(JadwalJabatan.selesai.is_(None), JadwalJabatan.selesai >= today)).exists()
    people = dict(db.session.execute(
        select(pop.c.opd_id, func.count()).group_by(pop.c.opd_id)).all())
    shift = dict(db.session.execute(
        select(pop.c.opd_id, func.count()).where(on_shift).group_by(pop.c.opd_id)).all())
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if days:
        for opd_id, status, tl, psw, n in db.session.execute(
                _grouped(pop, on_shift, days, batas)):
            row = counts[opd_id]
            row["hari_kerja"] += n
            row[status] += n
            for code in (tl, psw):
                if code:
                    row[code] += n
                    row[code[:-1]] += n
            if status == "hadir" and not tl and not psw:
                row["tepat_waktu"] += n
    names = opd_names_of(set(people))
    rows = []
    for opd_id, nama in sorted(names.items(), key=lambda kv: kv[1]):
        row = {"id": opd_id, "nama": nama, "pegawai": people.get(opd_id, 0),
               "shift": shift.get(opd_id, 0)} | dict(counts.get(opd_id, {}))
        rows.append(row)
    total: dict = defaultdict(int)
    for row in rows:
        for key, value in row.items():
            if isinstance(value, int) and key != "id":
                total[key] += value
    return {"baris": rows, "jumlah": dict(total), "sampai": sampai, "batas": batas}


def _grouped(pop, on_shift, days, batas):
    jam = union_all(*(select(literal(d, Date).label("tanggal"),
                             literal(m, DateTime).label("masuk"),
                             literal(p, DateTime).label("pulang"),
                             literal(t, Integer).label("tol")) for d, m, p, t in days)
                    ).subquery("jam")
    absen = (select(Ketidakhadiran.jenis).where(
        Ketidakhadiran.pegawai_id == pop.c.pegawai_id, Ketidakhadiran.mulai <= jam.c.tanggal,
        Ketidakhadiran.selesai >= jam.c.tanggal).limit(1).scalar_subquery())

    def izin(jenis):
        return select(PengajuanPresensi.id).where(
            PengajuanPresensi.pegawai_id == pop.c.pegawai_id,
            PengajuanPresensi.tanggal == jam.c.tanggal, PengajuanPresensi.status == "disetujui",
            PengajuanPresensi.jenis == jenis).exists()

    absen_status = case((absen == "dinas_luar", "DL"), else_=absen)
    empty = and_(Presensi.datang.is_(None), Presensi.pulang.is_(None))
    status = case((absen.is_not(None), absen_status), (izin("izin"), "izin"),
                  (or_(Presensi.id.is_(None), empty), "TK"), else_="hadir")
    late = _menit(Presensi.datang) - _menit(jam.c.masuk)
    early = _menit(jam.c.pulang) - _menit(Presensi.pulang)
    tl = case((status != "hadir", None), (izin("terlambat"), None),
              (and_(Presensi.datang.is_not(None), late <= jam.c.tol), None),
              else_=_tier("TL", late, batas, Presensi.datang.is_(None)))
    psw = case((status != "hadir", None), (izin("pulang_cepat"), None),
               (and_(Presensi.pulang.is_not(None), early <= 0), None),
               else_=_tier("PSW", early, batas, Presensi.pulang.is_(None)))
    return (select(pop.c.opd_id, status, tl, psw, func.count())
            .select_from(pop).join(jam, true())
            .outerjoin(Presensi, and_(Presensi.pegawai_id == pop.c.pegawai_id,
                                      Presensi.tanggal == jam.c.tanggal))
            .where(~on_shift)
            .group_by(pop.c.opd_id, status, tl, psw))


def persen(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") if whole else "-"
