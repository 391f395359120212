"""The supervisor's view of the team: each direct report's week and the home summary.

Each function runs a fixed number of statements whatever the number of reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import aliased

from portal import clock, orgtree
from portal.extensions import db
from portal.harian import kalender
from portal.models import (
    Jabatan,
    Ketidakhadiran,
    ModeKerja,
    Pegawai,
    Periode,
    ProgresHarian,
    RealisasiPeriode,
    Skp,
    SubPeriode,
    UmpanBalik,
)
from portal.rules.fleksibel import MODE_FLEKSIBEL
from portal.rules.hari_kerja import alasan_bukan_hari_kerja, hari_minggu


@dataclass
class Hari:
    tanggal: date
    mode: str | None
    jumlah: int
    libur: str | None  # why it is a day off, if it is
    kosong: bool       # a past working day without entries


@dataclass
class Baris:
    pegawai: Pegawai
    jabatan: Jabatan
    hari: list[Hari] = field(default_factory=list)
    fleksibel: int = 0
    lewat_batas: bool = False
    entri: int = 0
    status_realisasi: str | None = None
    umpan_belum_dijawab: int = 0


def week(atasan_id: int, monday: date, today: date | None = None) -> tuple[list[Baris], int]:
    """(rows, cap) for the direct reports' ISO week starting `monday`."""
    today = today or clock.today()
    reports = orgtree.direct_reports(atasan_id)
    ids = [p.id for p, _j in reports]
    days = hari_minggu(monday)
    end = days[-1]
    inst = kalender.instansi()
    batas = inst.batas_hari_fleksibel if inst else 2
    if not ids:
        return [], batas
    libur = kalender.libur_set()
    modes = {(r.pegawai_id, r.tanggal): r.mode for r in db.session.execute(
        select(ModeKerja.pegawai_id, ModeKerja.tanggal, ModeKerja.mode).where(
            ModeKerja.pegawai_id.in_(ids), ModeKerja.tanggal.between(monday, end)))}
    counts = {(r[0], r[1]): r[2] for r in db.session.execute(
        select(ProgresHarian.pegawai_id, ProgresHarian.tanggal, func.count(ProgresHarian.id))
        .where(ProgresHarian.pegawai_id.in_(ids), ProgresHarian.tanggal.between(monday, end))
        .group_by(ProgresHarian.pegawai_id, ProgresHarian.tanggal))}
    absen: dict[int, list] = {}
    for k in db.session.scalars(select(Ketidakhadiran).where(
            Ketidakhadiran.pegawai_id.in_(ids), Ketidakhadiran.mulai <= end,
            Ketidakhadiran.selesai >= monday)):
        absen.setdefault(k.pegawai_id, []).append((k.mulai, k.selesai))
    rows = []
    for p, j in reports:
        row = Baris(p, j)
        for d in days:
            alasan = alasan_bukan_hari_kerja(d, libur, absen.get(p.id, []))
            n = counts.get((p.id, d), 0)
            mode = modes.get((p.id, d))
            row.hari.append(Hari(d, mode, n, alasan, alasan is None and d < today and n == 0))
            row.entri += n
            if mode in MODE_FLEKSIBEL and alasan is None:
                row.fleksibel += 1
        row.lewat_batas = row.fleksibel > batas
        rows.append(row)
    return rows, batas


def ringkasan(atasan_id: int, today: date | None = None) -> dict:
    """The atasan home: the week per report, plus the current sub-period's realization status
    and unanswered feedback."""
    today = today or clock.today()
    monday = today - timedelta(days=today.weekday())
    rows, batas = week(atasan_id, monday, today)
    ids = [r.pegawai.id for r in rows]
    if ids:
        sub_id = select(SubPeriode.id).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= today, SubPeriode.selesai >= today
        ).scalar_subquery()
        status = dict(db.session.execute(
            select(Skp.pegawai_id, RealisasiPeriode.status).join(Skp)
            .where(Skp.pegawai_id.in_(ids), RealisasiPeriode.sub_periode_id == sub_id)).all())
        reply = aliased(UmpanBalik)
        open_threads = dict(db.session.execute(
            select(UmpanBalik.pegawai_id, func.count(UmpanBalik.id))
            .where(UmpanBalik.pegawai_id.in_(ids), UmpanBalik.induk_id.is_(None),
                   ~exists().where(and_(reply.induk_id == UmpanBalik.id,
                                        reply.penulis_id == UmpanBalik.pegawai_id)))
            .group_by(UmpanBalik.pegawai_id)).all())
        for r in rows:
            r.status_realisasi = status.get(r.pegawai.id)
            r.umpan_belum_dijawab = open_threads.get(r.pegawai.id, 0)
    return {"rows": rows, "batas": batas, "minggu": monday}
