"""A month of daily work per person, for the TPP run and other monthly reckonings.

`rekap_bulan(pegawai_ids, tahun, bulan)` is a stable contract:

- `RekapBulan.hari[pegawai_id]` lists every working day of the month for that person (Monday to
  Friday, minus the instansi's holidays and the person's cuti, sakit and dinas luar), in date
  order, each a `HariEntri(tanggal, entri, diterima)`: how many daily entries the person made
  for that day and how many of them the supervisor accepted. `ada_entri` is `entri > 0`;
  `terverifikasi` is `diterima > 0` (a day counts as verified when at least one of its entries
  was accepted). Every id asked for has a list (empty if the person has no working day).
- `RekapBulan.tertunda[atasan_id]` lists, per supervisor, the entries of these people in this
  month that were still not decided (neither accepted nor returned) when their verification
  deadline passed: `EntriTertunda(entri_id, pegawai_id, tanggal, batas, diputus_pada)`, where
  `batas` is the last day to verify (the instansi's `batas_verifikasi` working days after the
  entry's week) and `diputus_pada` the date it was decided later, or None while it still waits.
  Only deadlines before `pada` (default: today) count. The supervisor is the person's direct
  supervisor (or Plt) on the month's last day (or `pada`, if earlier); a person without one is
  left out.
- `RekapBulan.verifikasi_aktif` says whether the instansi verifies daily work; when it does not,
  `tertunda` is empty and `diterima` is 0 everywhere.

Cost: a fixed handful of statements per 500 people, plus one per distinct supervising seat of
the people with late entries; entries are streamed, never all held.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from portal import clock
from portal.db_setup import ids_in
from portal.extensions import db
from portal.models import Jabatan, Ketidakhadiran, ProgresHarian, RiwayatJabatan
from portal.orgtree import ancestor_states, holder_current
from portal.rencana.pengaturan import hari_kerja_instansi, pengaturan
from portal.rules.atasan import resolve_atasan
from portal.rules.hari_kerja import alasan_bukan_hari_kerja
from portal.rules.rencana import awal_akhir_bulan, batas_verifikasi

POTONGAN = 500  # ids per IN (...) list


@dataclass(frozen=True)
class HariEntri:
    tanggal: date
    entri: int
    diterima: int

    @property
    def ada_entri(self) -> bool:
        return self.entri > 0

    @property
    def terverifikasi(self) -> bool:
        return self.diterima > 0


@dataclass(frozen=True)
class EntriTertunda:
    entri_id: int
    pegawai_id: int
    tanggal: date
    batas: date
    diputus_pada: date | None


@dataclass
class RekapBulan:
    tahun: int
    bulan: int
    verifikasi_aktif: bool
    hari: dict[int, list[HariEntri]] = field(default_factory=dict)
    tertunda: dict[int, list[EntriTertunda]] = field(default_factory=dict)


def rekap_bulan(pegawai_ids, tahun: int, bulan: int, pada: date | None = None) -> RekapBulan:
    pada = pada or clock.today()
    setting = pengaturan()
    aktif = bool(setting.verifikasi_aktif)
    awal, akhir = awal_akhir_bulan(tahun, bulan)
    hari_kerja = hari_kerja_instansi()
    libur = {d for d in _days(awal, akhir) if d.weekday() < 5 and not hari_kerja(d)}
    rekap = RekapBulan(tahun, bulan, aktif)
    # The instansi's working days, and the (immutable) empty day of each, once for everyone.
    kerja = [d for d in _days(awal, akhir) if alasan_bukan_hari_kerja(d, libur, ()) is None]
    nol = {d: HariEntri(d, 0, 0) for d in kerja}
    late: list[EntriTertunda] = []
    deadlines: dict[date, date] = {}
    ids = sorted(set(pegawai_ids))
    if db.session.autoflush:
        db.session.flush()
    rows_of = db.session.connection().execute
    for start in range(0, len(ids), POTONGAN):
        chunk = ids[start:start + POTONGAN]
        absen: dict[int, list[tuple[date, date]]] = {}
        for pid, mulai, selesai in db.session.execute(
                select(Ketidakhadiran.pegawai_id, Ketidakhadiran.mulai, Ketidakhadiran.selesai)
                .where(ids_in(Ketidakhadiran.pegawai_id, chunk), Ketidakhadiran.mulai <= akhir,
                       Ketidakhadiran.selesai >= awal)):
            absen.setdefault(pid, []).append((mulai, selesai))
        counts: dict[tuple[int, date], list[int]] = {}
        rows = rows_of(  # plain rows: no ORM row processing for a month of entries
            select(ProgresHarian.id, ProgresHarian.pegawai_id, ProgresHarian.tanggal,
                   ProgresHarian.verifikasi, ProgresHarian.diverifikasi_pada)
            .where(ids_in(ProgresHarian.pegawai_id, chunk),
                   ProgresHarian.tanggal.between(awal, akhir))
            .execution_options(yield_per=2000))
        for eid, pid, day, status, decided in rows:
            count = counts.setdefault((pid, day), [0, 0])
            count[0] += 1
            count[1] += aktif and status == "diterima"
            if not aktif:
                continue
            senin = day - timedelta(days=day.weekday())
            if senin not in deadlines:
                deadlines[senin] = batas_verifikasi(senin, setting.batas_verifikasi, hari_kerja)
            batas = deadlines[senin]
            decided_day = decided.date() if decided is not None else None
            if batas < pada and (status is None or (decided_day and decided_day > batas)):
                late.append(EntriTertunda(eid, pid, day, batas,
                                          decided_day if status is not None else None))
        for pid in chunk:
            spans = absen.get(pid)
            days = kerja if not spans else [
                d for d in kerja if alasan_bukan_hari_kerja(d, libur, spans) is None]
            rekap.hari[pid] = [nol[d] if (pid, d) not in counts else
                               HariEntri(d, *counts[(pid, d)]) for d in days]
    rekap.tertunda = _per_atasan(late, min(akhir, pada))
    return rekap


def _days(awal: date, akhir: date):
    return [awal + timedelta(days=i) for i in range((akhir - awal).days + 1)]


def _per_atasan(late: list[EntriTertunda], on: date) -> dict[int, list[EntriTertunda]]:
    """Group late entries by the direct supervisor of their author: one ancestor walk per
    distinct parent seat (reports under one seat share their supervisor)."""
    people = sorted({e.pegawai_id for e in late})
    seats: dict[int, int | None] = {}
    for start in range(0, len(people), POTONGAN):
        chunk = people[start:start + POTONGAN]
        seats.update(db.session.execute(
            select(RiwayatJabatan.pegawai_id, Jabatan.id)
            .join(Jabatan, Jabatan.id == RiwayatJabatan.jabatan_id)
            .where(RiwayatJabatan.pegawai_id.in_(chunk), holder_current(on))).all())
    parents = dict(db.session.execute(select(Jabatan.id, Jabatan.atasan_id).where(
        Jabatan.id.in_(list(set(seats.values()))))).all()) if seats else {}
    walks: dict[int | None, list] = {}
    atasan: dict[int, int | None] = {}
    for pid, seat in seats.items():
        parent = parents.get(seat)
        if parent not in walks:
            walks[parent] = ancestor_states(seat, on) if parent is not None else []
        atasan[pid] = resolve_atasan(walks[parent], exclude=pid)
    out: dict[int, list[EntriTertunda]] = {}
    for entry in late:
        boss = atasan.get(entry.pegawai_id)
        if boss is not None:
            out.setdefault(boss, []).append(entry)
    return out
