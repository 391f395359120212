"""The month of a set of people, day by day: the one place that turns stored attendance,
schedules, the calendar and approved izin into day statuses (through `rules.presensi`).

Every view of discipline (the employee's month, the team month, the rekap sheet) and the TPP run
read it; its contract is `rekap_bulan`'s docstring.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import selectinload

from portal import clock
from portal.db_setup import ids_in
from portal.extensions import db
from portal.models import (
    HariLibur,
    JadwalJabatan,
    JadwalKerja,
    Ketidakhadiran,
    ModeKerja,
    PengajuanPresensi,
    Presensi,
    RiwayatJabatan,
)
from portal.models.presensi import JENIS_IZIN
from portal.rules import presensi as aturan

_new = object.__new__


@dataclass(frozen=True)
class HariRekap:
    """One day of one person.

    status           "hadir", "TK", "izin", "sakit", "cuti", "DL" or "libur"
    tl, psw          "TL1".."TL4" / "PSW1".."PSW4" or None (only when status is "hadir")
    menit_terlambat  whole minutes late (0 when on time, within tolerance or excused)
    menit_cepat      whole minutes left early (0 likewise)
    datang, pulang   the recorded times (wall clock of the instansi), or None
    mode             the day's work mode from the daily log ("WFO", "WFH", "WFA") or None
    """

    tanggal: date
    status: str
    tl: str | None
    psw: str | None
    menit_terlambat: int
    menit_cepat: int
    datang: datetime | None = None
    pulang: datetime | None = None
    mode: str | None = None

    @classmethod
    def baru(cls, tanggal: date, status: str, tl: str | None, psw: str | None,
             menit_terlambat: int, menit_cepat: int, datang: datetime | None,
             pulang: datetime | None, mode: str | None) -> HariRekap:
        """`HariRekap(...)` with every field given, built without the frozen dataclass's nine
        `object.__setattr__` calls (equal, same hash, still frozen): a province's month is a
        million of them."""
        h = _new(cls)
        h.__dict__.update(tanggal=tanggal, status=status, tl=tl, psw=psw,
                          menit_terlambat=menit_terlambat, menit_cepat=menit_cepat,
                          datang=datang, pulang=pulang, mode=mode)
        return h

    @property
    def kode(self) -> list[str]:
        return aturan.HasilHari(self.status, self.tl, self.psw).kode

    @property
    def hari_kerja(self) -> bool:
        return self.status != "libur"


def hari_bulan(tahun: int, bulan: int) -> list[date]:
    first = date(tahun, bulan, 1)
    nxt = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return [first + timedelta(days=i) for i in range((nxt - first).days)]


def _ids_in(column, pegawai):
    """`pegawai` is an iterable of ids or a SELECT of ids (a whole province stays in SQL)."""
    if isinstance(pegawai, Select):
        return column.in_(pegawai)
    return ids_in(column, pegawai)


class Kalender:
    """Schedules, holidays and shift assignments, loaded once for a range of days."""

    def __init__(self, awal: date, akhir: date, pegawai=None):
        jadwal = db.session.scalars(select(JadwalKerja).options(
            selectinload(JadwalKerja.hari))).all()
        plain = {j.id: _plain(j) for j in jadwal}
        self.reguler = [plain[j.id] for j in jadwal if j.jenis == "reguler"]
        self.ramadan = [plain[j.id] for j in jadwal if j.jenis == "ramadan"]
        self.libur = set(db.session.scalars(select(HariLibur.tanggal).where(
            HariLibur.tanggal.between(awal, akhir))))
        # Shift schedules reach people through their seats: (pegawai, seat dates, shift dates).
        self.shift: dict[int, list[tuple[date, date | None, aturan.Jadwal]]] = defaultdict(list)
        if any(j.jenis == "shift" for j in jadwal) and pegawai is not None:
            rows = db.session.execute(
                select(RiwayatJabatan.pegawai_id, RiwayatJabatan.mulai, RiwayatJabatan.selesai,
                       JadwalJabatan.mulai, JadwalJabatan.selesai, JadwalJabatan.jadwal_id)
                .join(JadwalJabatan, JadwalJabatan.jabatan_id == RiwayatJabatan.jabatan_id)
                .where(_ids_in(RiwayatJabatan.pegawai_id, pegawai),
                       RiwayatJabatan.mulai <= akhir,
                       or_(RiwayatJabatan.selesai.is_(None), RiwayatJabatan.selesai >= awal),
                       JadwalJabatan.mulai <= akhir,
                       or_(JadwalJabatan.selesai.is_(None), JadwalJabatan.selesai >= awal)))
            for pid, rm, rs, jm, js, jid in rows:
                end = min((d for d in (rs, js) if d is not None), default=None)
                self.shift[pid].append((max(rm, jm), end, plain[jid]))
        # The day of everyone without a shift depends on the date alone: computed once a date.
        self._umum: dict[date, tuple[aturan.JamHari | None, bool, tuple]] = {}

    def punya_shift(self, pegawai_id: int) -> bool:
        return bool(self.shift.get(pegawai_id))

    def shift_of(self, pegawai_id: int, day: date) -> aturan.Jadwal | None:
        for mulai, selesai, jadwal in self.shift.get(pegawai_id, ()):
            if mulai <= day and (selesai is None or day <= selesai):
                return jadwal
        return None

    def hari(self, pegawai_id: int, day: date) -> tuple[aturan.JamHari | None, bool, tuple]:
        """(hours of the day, whether it is a holiday the schedule observes, tier bounds)."""
        shift = self.shift_of(pegawai_id, day)
        if shift is None:
            known = self._umum.get(day)
            if known is None:
                known = self._umum[day] = self._hari(day, None)
            return known
        return self._hari(day, shift)

    def _hari(self, day: date, shift: aturan.Jadwal | None):
        jadwal, batas = aturan.pilih_jadwal(day, self.reguler, self.ramadan, shift)
        return jadwal.jam(day), jadwal.ikut_libur and day in self.libur, batas

    def malam(self, pegawai_id: int, day: date) -> bool:
        """Whether the person's hours that day cross midnight (punches before noon then close
        the previous day's shift)."""
        shift = self.shift_of(pegawai_id, day)
        return bool(shift and any(p <= m for m, p in (shift.hari or {}).values()))


def _plain(j: JadwalKerja) -> aturan.Jadwal:
    return aturan.Jadwal(j.jenis, j.mulai, j.selesai, {h.hari: (h.masuk, h.pulang) for h in j.hari},
                         j.toleransi_menit, aturan.parse_batas(j.batas_tingkat), j.ikut_libur)


def rekap_bulan(pegawai: Iterable[int] | Select, tahun: int, bulan: int, *,
                sampai: date | None = None) -> dict[int, list[HariRekap]]:
    """Each day of `bulan`/`tahun` for each person, with its status, tier and minutes.

    Contract (kept stable; the TPP run and every discipline view rely on it):
    - `pegawai`: pegawai ids, or a SELECT of ids (the statement count does not depend on how
      many: nine statements at most, whatever the number of people or days).
    - Returns {pegawai_id: [HariRekap, ...]} in date order, one entry per calendar day from the
      1st of the month to `sampai` (inclusive; default: yesterday, a day still under way has no
      status yet; never past the month's end). Days off are included with status "libur"; a
      working day is any other status. A person without any record still gets every day (TK on
      working days). Ids not asked for never appear; an empty month gives empty lists.
    - Status, tiers and minutes come from `rules.presensi.status_hari` with the schedule in force
      on the day (a seat's shift, else Ramadan, else the regular version begun by then), the
      instansi's holidays (unless a shift ignores them), the person's cuti/sakit/dinas luar and
      the approved izin of the day; corrections are already in the stored times.
    - A night shift's day is the day it starts (its pulang is on the next date).
    """
    days = hari_bulan(tahun, bulan)
    limit = sampai if sampai is not None else clock.today() - timedelta(days=1)
    days = [d for d in days if d <= limit]
    ids = None if isinstance(pegawai, Select) else list(dict.fromkeys(pegawai))
    source = pegawai if ids is None else ids
    if not days or (ids is not None and not ids):
        return {pid: [] for pid in ids or []}
    awal, akhir = days[0], days[-1]
    kal = Kalender(awal, akhir, source)
    # Plain rows fetched at once (no ORM row processing, no call a row: a province's month is
    # a million of them).
    if db.session.autoflush:
        db.session.flush()
    rows_of = db.session.connection().execute
    times: dict[int, dict[date, tuple]] = defaultdict(dict)
    for pid, tanggal, datang, pulang in rows_of(
            select(Presensi.pegawai_id, Presensi.tanggal, Presensi.datang, Presensi.pulang)
            .where(_ids_in(Presensi.pegawai_id, source), Presensi.tanggal.between(awal, akhir))
            ).all():
        times[pid][tanggal] = (datang, pulang)
    absen: dict[int, list[tuple[date, date, str]]] = defaultdict(list)
    for pid, mulai, selesai, jenis in rows_of(
            select(Ketidakhadiran.pegawai_id, Ketidakhadiran.mulai, Ketidakhadiran.selesai,
                   Ketidakhadiran.jenis)
            .where(_ids_in(Ketidakhadiran.pegawai_id, source), Ketidakhadiran.mulai <= akhir,
                   Ketidakhadiran.selesai >= awal)).all():
        absen[pid].append((mulai, selesai, jenis))
    izin: dict[int, dict[date, set[str]]] = defaultdict(lambda: defaultdict(set))
    for pid, tanggal, jenis in rows_of(
            select(PengajuanPresensi.pegawai_id, PengajuanPresensi.tanggal,
                   PengajuanPresensi.jenis)
            .where(_ids_in(PengajuanPresensi.pegawai_id, source),
                   PengajuanPresensi.status == "disetujui",
                   PengajuanPresensi.jenis.in_(JENIS_IZIN),
                   PengajuanPresensi.tanggal.between(awal, akhir))).all():
        izin[pid][tanggal].add(jenis)
    modes: dict[int, dict[date, str]] = defaultdict(dict)
    for pid, tanggal, mode in rows_of(
            select(ModeKerja.pegawai_id, ModeKerja.tanggal, ModeKerja.mode)
            .where(_ids_in(ModeKerja.pegawai_id, source),
                   and_(ModeKerja.tanggal >= awal, ModeKerja.tanggal <= akhir))).all():
        modes[pid][tanggal] = mode
    if ids is None:
        ids = list(db.session.scalars(pegawai))
    # What is the same for everyone without a shift is computed once a day: the hours, and the
    # whole day of someone with no record, no absence and no izin (libur or TK).
    umum = [kal.hari(None, day) for day in days]
    kosong = [_hari(day, jam_libur_batas, (None, None), None, (), None)
              for day, jam_libur_batas in zip(days, umum, strict=True)]
    out: dict[int, list[HariRekap]] = {}
    for pid in ids:
        own_times, spans = times.get(pid), absen.get(pid)
        own_izin, own_modes = izin.get(pid), modes.get(pid)
        shift = kal.punya_shift(pid)
        if not (own_times or spans or own_izin or own_modes or shift):
            out[pid] = list(kosong)
            continue
        row = []
        for i, day in enumerate(days):
            t = own_times.get(day) if own_times else None
            jenis = _absen_on(spans, day) if spans else None
            izin_hari = own_izin.get(day, ()) if own_izin else ()
            mode = own_modes.get(day) if own_modes else None
            if t is None and jenis is None and not izin_hari and not shift:
                blank = kosong[i]
                row.append(blank if mode is None else HariRekap(
                    day, blank.status, blank.tl, blank.psw, blank.menit_terlambat,
                    blank.menit_cepat, None, None, mode))
                continue
            row.append(_hari(day, kal.hari(pid, day) if shift else umum[i], t or (None, None),
                             jenis, izin_hari, mode))
        out[pid] = row
    return out


def _absen_on(spans, day: date) -> str | None:
    return next((jenis for mulai, selesai, jenis in spans if mulai <= day <= selesai), None)


def hari_satu(kal: Kalender, pegawai_id: int, day: date, times, absen, izin,
              mode=None) -> HariRekap:
    """One person-day, the general way (the month's loop above takes shortcuts to the same)."""
    return _hari(day, kal.hari(pegawai_id, day), times, absen, izin, mode)


def _hari(day: date, jam_libur_batas: tuple, times, absen, izin, mode) -> HariRekap:
    jam, libur, batas = jam_libur_batas
    datang, pulang = times
    hasil = aturan.status_hari(jam, datang, pulang, libur=libur, absen=absen, izin=izin,
                               batas=batas)
    return HariRekap.baru(day, hasil.status, hasil.tl, hasil.psw, hasil.menit_terlambat,
                          hasil.menit_cepat, datang, pulang, mode)


def ringkas(hari: Iterable[HariRekap]) -> dict[str, int]:
    """Counts of a person's days: each status, each TL/PSW tier, working days, minutes."""
    counts: dict[str, int] = defaultdict(int)
    for h in hari:
        if h.hari_kerja:
            counts["hari_kerja"] += 1
        counts[h.status] += 1
        for code in (h.tl, h.psw):
            if code:
                counts[code] += 1
        counts["menit_terlambat"] += h.menit_terlambat
        counts["menit_cepat"] += h.menit_cepat
    return dict(counts)
