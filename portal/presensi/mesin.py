"""Importing machine files: a preview that reads every line and lists what it cannot use, then
an apply that writes the first and last punch of each person's day in one transaction.

Linear in the file: lines are streamed twice (preview, apply), the messages kept are the first
`CONTOH` of each kind with a count of the rest, and the apply writes in batches of at most
`BATCH` person-days. Applying is idempotent: a punch only ever moves jam datang earlier or jam
pulang later, so the same file twice (or two overlapping files) changes nothing the second time.
"""
from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import Date, DateTime, Integer, case, column, func, literal, select, table

from portal import clock
from portal.extensions import db
from portal.models import JadwalJabatan, Pegawai, PinMesin, Presensi, RiwayatJabatan
from portal.presensi import berkas_mesin, kunci_bulan
from portal.presensi.rekap import Kalender

CONTOH = 100  # messages kept per kind; the rest are counted
BATCH = 4000
COPY_CHUNK = 20_000  # person-days per COPY (and the most held at once)
JENIS_PESAN = {
    "kosong": "Kolom PIN/NIP atau waktu kosong.",
    "pin": "PIN atau NIP tidak dikenal: %(v)s.",
    "waktu": "Waktu tidak terbaca: %(v)s (contoh yang benar: 2026-11-02 07:21:05).",
    "masa_depan": "Waktu di masa depan: %(v)s.",
    "ditutup": "Bulan %(v)s sudah ditutup; baris tidak dipakai.",
    "ganda": "Baris ganda (sama dengan baris %(v)s); dipakai sekali.",
    "bukan_hari_kerja": "Di luar hari kerja pegawai (%(v)s); tetap dicatat.",
}
JUDUL = {
    "kosong": "Baris tanpa PIN/NIP atau waktu",
    "pin": "PIN atau NIP tidak dikenal",
    "waktu": "Waktu tidak terbaca",
    "masa_depan": "Waktu di masa depan",
    "ditutup": "Bulan sudah ditutup",
    "ganda": "Baris ganda",
    "bukan_hari_kerja": "Di luar hari kerja",
}
TIDAK_DIPAKAI = ("kosong", "pin", "waktu", "masa_depan", "ditutup")


@dataclass
class Ringkasan:
    baris: int = 0
    dipakai: int = 0
    pegawai: set = field(default_factory=set)
    awal: date | None = None
    akhir: date | None = None
    jumlah: dict = field(default_factory=lambda: defaultdict(int))
    pesan: dict = field(default_factory=lambda: defaultdict(list))

    def catat(self, jenis: str, nomor: int, value) -> None:
        self.jumlah[jenis] += 1
        if len(self.pesan[jenis]) < CONTOH:
            self.pesan[jenis].append((nomor, str(value)[:60]))

    def as_dict(self) -> dict:
        return {"baris": self.baris, "dipakai": self.dipakai, "pegawai": len(self.pegawai),
                "awal": self.awal.isoformat() if self.awal else None,
                "akhir": self.akhir.isoformat() if self.akhir else None,
                "jumlah": dict(self.jumlah), "pesan": {k: v for k, v in self.pesan.items()}}


class Pemeta:
    """Everything a line is checked against, loaded once per file (a statement per kind). The
    hot path (a regular-hours person on an ordinary day) is a few dictionary look-ups."""

    def __init__(self):
        self.pin = dict(db.session.execute(select(PinMesin.pin, PinMesin.pegawai_id)).all())
        self.nip = dict(db.session.execute(select(Pegawai.nip, Pegawai.id)).all())
        # One look-up a line: a PIN first, else an 18-digit NIP (as `pegawai` says).
        self.kenal = {k: v for k, v in self.nip.items() if len(k) == 18 and v}
        self.kenal.update((k, v) for k, v in self.pin.items() if v)
        self.now = clock.now().replace(tzinfo=None)
        self.ditutup: set[tuple[int, int]] = {(b.tahun, b.bulan) for b in kunci_bulan.daftar()}
        # People whose seat ever had a shift: only they need the per-person calendar.
        self.shift = set(db.session.scalars(
            select(RiwayatJabatan.pegawai_id).join(
                JadwalJabatan, JadwalJabatan.jabatan_id == RiwayatJabatan.jabatan_id)))
        self._kal: dict[tuple[int, int], Kalender] = {}
        self.hari: dict[date, bool] = {}  # regular working day or not, per date

    def pegawai(self, value: str) -> int | None:
        return self.kenal.get(value)

    def kalender(self, day: date) -> Kalender:
        key = (day.year, day.month)
        if key not in self._kal:
            first = day.replace(day=1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            self._kal[key] = Kalender(first - timedelta(days=1), last, select(Pegawai.id))
        return self._kal[key]

    def tanggal_shift(self, pid: int, ts: datetime) -> date:
        if ts.hour < 12 and self.kalender(ts.date()).malam(pid, ts.date() - timedelta(days=1)):
            return ts.date() - timedelta(days=1)
        return ts.date()

    def hari_kerja(self, pid: int, day: date) -> bool:
        if pid in self.shift:
            jam, libur, _batas = self.kalender(day).hari(pid, day)
            return jam is not None and not libur
        known = self.hari.get(day)
        if known is None:
            jam, libur, _batas = self.kalender(day).hari(0, day)
            known = self.hari[day] = jam is not None and not libur
        return known


def _columns(cols: dict[str, int]):
    """A function from a line's cells to (who, time text), built once for the header."""
    who = [cols[k] for k in ("pin", "nip") if k in cols]
    if "waktu" in cols and len(who) == 1:  # the usual file: one id column and one time column
        i, at = who[0], cols["waktu"]
        width = max(i, at)

        def read_simple(cells):
            if len(cells) > width:
                return cells[i].strip(), cells[at].strip()
            return (cells[i].strip() if i < len(cells) else "",
                    cells[at].strip() if at < len(cells) else "")

        return read_simple
    if "waktu" in cols:
        at = cols["waktu"]

        def when(cells):
            return cells[at].strip() if at < len(cells) else ""
    else:
        d, j = cols["tanggal"], cols["jam"]

        def when(cells):
            if max(d, j) >= len(cells) or not cells[d].strip():
                return ""
            return f"{cells[d].strip()[:10]} {cells[j].strip()}"

    def read(cells):
        ident = ""
        for i in who:
            if i < len(cells) and cells[i].strip():
                ident = cells[i].strip()
                break
        return ident, when(cells)

    return read


def _lines(path, pemeta: Pemeta, ringkas: Ringkasan) -> Iterator[tuple[int, date, datetime]]:
    """The usable punches (pegawai, working day, time); every other line noted in `ringkas`."""
    rows = berkas_mesin.baris(path)
    header = next(rows, None)
    if header is None:
        raise berkas_mesin.BerkasError(_("Berkas kosong."))
    read = _columns(berkas_mesin.kolom(header[1]))
    parse, now, shift, closed = berkas_mesin.waktu, pemeta.now, pemeta.shift, pemeta.ditutup
    kenal, hari, hari_kerja = pemeta.kenal, pemeta.hari, pemeta.hari_kerja
    # A machine writes whole seconds: a province's morning repeats a few thousand stamps, each
    # parsed once (bounded: forgotten when it grows).
    parsed: dict[str, datetime | None] = {}
    seen: dict[int, tuple[date, dict]] = {}
    used = total = 0
    people = ringkas.pegawai
    days: set[date] = set()
    last_day = None
    for nomor, cells in rows:
        total += 1
        ident, text = read(cells)
        if not ident or not text:
            ringkas.catat("kosong", nomor, "")
            continue
        pid = kenal.get(ident)
        if pid is None:
            ringkas.catat("pin", nomor, ident)
            continue
        ts = parsed.get(text)
        if ts is None:
            ts = parse(text)
            if ts is None:
                ringkas.catat("waktu", nomor, text)
                continue
            if len(parsed) >= 20_000:
                parsed.clear()
            parsed[text] = ts
        if ts > now:
            ringkas.catat("masa_depan", nomor, text)
            continue
        day = pemeta.tanggal_shift(pid, ts) if pid in shift else ts.date()
        if closed and (day.year, day.month) in closed:
            ringkas.catat("ditutup", nomor, f"{day.year}-{day.month:02d}")
            continue
        last = seen.get(pid)
        if last is None or last[0] != day:
            seen[pid] = (day, {ts: nomor})
        else:
            stamps = last[1]
            if ts in stamps:
                ringkas.catat("ganda", nomor, stamps[ts])
                continue
            stamps[ts] = nomor
        working = hari_kerja(pid, day) if pid in shift else hari.get(day)
        if working is None:
            working = hari_kerja(pid, day)
        if not working:
            ringkas.catat("bukan_hari_kerja", nomor, day.isoformat())
        used += 1
        people.add(pid)
        if day != last_day:
            days.add(day)
            last_day = day
        yield pid, day, ts
    ringkas.baris, ringkas.dipakai = total, used
    if days:
        ringkas.awal, ringkas.akhir = min(days), max(days)


def periksa(path) -> Ringkasan:
    """Read the whole file once and say what an apply would use and what it would not."""
    ringkas = Ringkasan()
    for _punch in _lines(path, Pemeta(), ringkas):
        pass
    return ringkas


def terapkan(path) -> tuple[Ringkasan, int]:
    """Write every usable punch; (what was read, person-days inserted or changed). The caller
    commits once (all or nothing). PostgreSQL takes the punches through COPY into a temporary
    table and merges them in one grouped statement; SQLite (tests, small installs) in batches."""
    ringkas = Ringkasan()
    punches = _lines(path, Pemeta(), ringkas)
    if db.session.get_bind().dialect.name == "postgresql":
        return ringkas, _copy_then_merge(punches)
    changed = 0
    batch: dict[tuple[int, date], list[datetime]] = {}
    for pid, day, ts in punches:
        span = batch.get((pid, day))
        if span is None:
            batch[(pid, day)] = [ts, ts]
            if len(batch) >= BATCH:
                changed += _merge_batch(batch)
                batch = {}
        elif ts < span[0]:
            span[0] = ts
        elif ts > span[1]:
            span[1] = ts
    if batch:
        changed += _merge_batch(batch)
    return ringkas, changed


def terapkan_rekaman(rekaman: list[tuple[str, str]]) -> tuple[Ringkasan, int]:
    """Punches pushed by an attendance app or machine (PIN or NIP, time text), under the very
    rules of a machine file: line n of the summary is punch n. Idempotent like a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rekaman.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(["pin", "waktu"])
            out.writerows(rekaman)
        return terapkan(path)


STAGING = table("presensi_masuk", column("pegawai_id", Integer), column("tanggal", Date),
                column("datang", DateTime), column("pulang", DateTime))


def _copy_then_merge(punches) -> int:
    connection = db.session.connection()
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE presensi_masuk (pegawai_id integer, tanggal date, "
        "datang timestamp, pulang timestamp) ON COMMIT DROP")
    raw = connection.connection.driver_connection
    # Reading a line may ask the database (a month's calendar the first time it is met), which
    # cannot happen while a COPY holds the connection: punches are gathered per person-day (the
    # earliest and latest) and copied in chunks in between. A person-day split over two chunks
    # is joined again by the grouped merge.
    span: dict[tuple[int, date], list[datetime]] = {}
    for pid, day, ts in punches:
        known = span.get((pid, day))
        if known is None:
            span[(pid, day)] = [ts, ts]
            if len(span) >= COPY_CHUNK:
                _copy(raw, span)
                span = {}
        elif ts < known[0]:
            known[0] = ts
        elif ts > known[1]:
            known[1] = ts
    _copy(raw, span)
    from sqlalchemy.dialects.postgresql import insert

    # A month of a province groups a million person-days: in memory, not in temporary files.
    connection.exec_driver_sql("SET LOCAL work_mem = '64MB'")
    lo, hi = func.min(STAGING.c.datang), func.max(STAGING.c.pulang)
    rows = (select(STAGING.c.pegawai_id, STAGING.c.tanggal, lo, case((hi > lo, hi)),
                   literal("mesin"), case((hi > lo, literal("mesin"))), literal(clock.utcnow()))
            .group_by(STAGING.c.pegawai_id, STAGING.c.tanggal))
    stmt = insert(Presensi).from_select(
        ["pegawai_id", "tanggal", "datang", "pulang", "sumber_datang", "sumber_pulang",
         "diubah_pada"], rows)
    # Counted through RETURNING: the driver reports no row count for INSERT … SELECT here.
    written = _on_conflict(stmt, func.least, func.greatest).returning(literal(1)).cte("ditulis")
    changed = connection.execute(select(func.count()).select_from(written)).scalar_one()
    connection.exec_driver_sql("DROP TABLE presensi_masuk")
    return changed


def _copy(raw, span: dict[tuple[int, date], list[datetime]]) -> None:
    """One COPY of (pegawai, day, earliest, latest) as text: whole seconds, ISO dates."""
    if span:
        text = "".join([f"{pid}\t{day}\t{lo}\t{hi}\n" for (pid, day), (lo, hi) in span.items()])
        with raw.cursor() as cursor, cursor.copy(
                "COPY presensi_masuk (pegawai_id, tanggal, datang, pulang) FROM STDIN") as copy:
            copy.write(text)


def _merge_batch(batch: dict) -> int:
    from sqlalchemy.dialects.sqlite import insert

    now = clock.utcnow()
    stmt = insert(Presensi).values([
        {"pegawai_id": pid, "tanggal": day, "datang": lo, "pulang": hi if hi != lo else None,
         "sumber_datang": "mesin", "sumber_pulang": "mesin" if hi != lo else None,
         "diubah_pada": now}
        for (pid, day), (lo, hi) in batch.items()])
    result = db.session.connection().execute(_on_conflict(stmt, func.min, func.max))
    return max(result.rowcount or 0, 0)


def _on_conflict(stmt, least, greatest):
    """A person-day already stored keeps the earliest time as jam datang and the latest as jam
    pulang (none when they are the same); only a day that changes is written (and counted)."""
    ex, old = stmt.excluded, Presensi.__table__.c
    new_hi = func.coalesce(ex.pulang, ex.datang)
    lo = least(func.coalesce(old.datang, ex.datang), func.coalesce(old.pulang, ex.datang),
               ex.datang)
    hi = greatest(func.coalesce(old.datang, new_hi), func.coalesce(old.pulang, new_hi), new_hi)
    pulang = case((hi == lo, None), else_=hi)
    return stmt.on_conflict_do_update(
        index_elements=["pegawai_id", "tanggal"],
        set_={"datang": lo, "pulang": pulang,
              "sumber_datang": case((lo == old.datang, old.sumber_datang),
                                    (lo == old.pulang, old.sumber_pulang), else_="mesin"),
              "sumber_pulang": case((hi == lo, None), (hi == old.pulang, old.sumber_pulang),
                                    (hi == old.datang, old.sumber_datang), else_="mesin"),
              "diubah_pada": ex.diubah_pada},
        where=(lo.is_distinct_from(old.datang)) | (pulang.is_distinct_from(old.pulang)))


def pesan(jenis: str, value) -> str:
    return _(JENIS_PESAN[jenis], v=value)


def judul(jenis: str) -> str:
    return _(JUDUL[jenis])

