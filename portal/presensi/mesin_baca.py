"""Reading a machine file: every line checked against what is loaded once per file (PIN and NIP,
closed months, shift seats, the working days), usable punches yielded one by one and every
other line noted in the `Ringkasan` (the first `CONTOH` messages of each kind, the rest counted).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import JadwalJabatan, Pegawai, PinMesin, RiwayatJabatan
from portal.presensi import berkas_mesin, kunci_bulan
from portal.presensi.rekap import Kalender

CONTOH = 100  # messages kept per kind; the rest are counted


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
