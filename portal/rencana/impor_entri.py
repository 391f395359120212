"""Import of daily entries from the portal's template (CSV or XLSX): every line is checked
(unknown code, a date outside an open month, a duplicate, a formula, …) and shown with its
message; the file is applied all or nothing. Each row's idempotency key comes from its content,
so the same file twice adds nothing.

The file is read line by line (csv.reader over the bytes, openpyxl's read-only rows) and checked
with lookups prepared once, so time and memory grow linearly with the file; the preview keeps
the messages (at most `PESAN_MAX`, the rest counted) and not the rows: applying reads the stored
file again and checks it again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import insert, select

from portal import audit, clock
from portal.extensions import db
from portal.harian import kalender
from portal.harian.forms import MODE_KERJA, parse_angka
from portal.models import ModeKerja, ProgresHarian, RencanaAksi, Rhk
from portal.rencana import rencana_aksi
from portal.rencana.impor_berkas import BerkasDitolak, baris
from portal.rules.csv_aman import unescape_cell
from portal.rules.fleksibel import tolak_mode
from portal.rules.hari_kerja import senin
from portal.rules.rencana import kunci_baris, parse_tanggal_sel

KOLOM = ("Tanggal", "Kode rencana aksi", "Yang dikerjakan", "Output", "Mode", "Tautan bukti")
PESAN_MAX = 500


@dataclass
class Hasil:
    baru: int = 0
    sudah_ada: int = 0
    salah: int = 0
    pesan: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    def tolak(self, line: int, message: str) -> None:
        self.salah += 1
        if len(self.pesan) < PESAN_MAX:
            self.pesan.append((line, message))


class _Pemeriksa:
    """Lookups prepared once per file (a fixed handful of statements); what depends on the day
    alone is decided once per day."""

    def __init__(self, pegawai_id: int):
        self.pid = pegawai_id
        self.today = clock.today()
        self.kal = kalender.kalender(pegawai_id)
        self.fleksibel = kalender.fleksibel(pegawai_id)
        plans = list(db.session.scalars(
            select(RencanaAksi).join(Rhk, Rhk.id == RencanaAksi.rhk_id).where(
                RencanaAksi.pegawai_id == pegawai_id, Rhk.diarsipkan.is_(False))))
        # Plain tuples: the check runs per line, and mapped attributes are slow to read.
        self.rencana = {ra.kode.lower(): (ra.id, ra.rhk_id, ra.tahun, ra.bulan, ra.kode)
                        for ra in plans}
        months = {(ra.tahun, ra.bulan) for ra in plans}
        self.terkunci = {m: rencana_aksi.terkunci(*m, hari_ini=self.today) for m in months}
        self.ada = set(db.session.scalars(select(ProgresHarian.kunci).where(
            ProgresHarian.pegawai_id == pegawai_id, ProgresHarian.kunci.like("impor-%"))))
        self.weeks: dict[date, dict[date, str]] = {}  # Monday -> the week's modes
        for d, m in db.session.execute(select(ModeKerja.tanggal, ModeKerja.mode).where(
                ModeKerja.pegawai_id == pegawai_id,
                ModeKerja.tanggal >= date(self.today.year - 1, 1, 1))):
            self.weeks.setdefault(senin(d), {})[d] = m
        self.seen: dict[str, int] = {}
        self.mode_file: dict[date, str] = {}
        self.days: dict[str, tuple[date | None, str | None]] = {}  # cell -> (day, message)

    def baris(self, line: int, cells: list[str], hasil: Hasil) -> dict | None:
        """The entry of one line, or None (its message added to `hasil`)."""
        # PostgreSQL cannot store NUL: it goes, as it does from every form (portal/web.py).
        cells = [str(c).replace("\x00", "").strip() for c in cells[:len(KOLOM)]] + \
            [""] * (len(KOLOM) - len(cells))
        if any(c.startswith("=") for c in cells):
            hasil.tolak(line, _("Sel berisi rumus; isi dengan nilai, bukan rumus."))
            return None
        cells = [unescape_cell(c) for c in cells]
        tanggal, kode, uraian, output, mode, tautan = cells
        mode = mode.upper() or "WFO"
        try:
            day, ra, angka = self._check(tanggal, kode, uraian, output, mode, tautan)
        except _Salah as wrong:
            hasil.tolak(line, str(wrong))
            return None
        key = kunci_baris(self.pid, cells)
        if key in self.seen:
            hasil.tolak(line, _("Sama dengan baris %(n)s (duplikat).", n=self.seen[key]))
            return None
        self.seen[key] = line
        if key in self.ada:
            hasil.sudah_ada += 1
            return None
        hasil.baru += 1
        return {"pegawai_id": self.pid, "rhk_id": ra[1], "rencana_aksi_id": ra[0],
                "tanggal": day, "uraian": uraian, "output": angka,
                "bukti_link": tautan or None, "kunci": key, "mode": mode}

    def _day(self, tanggal: str) -> date:
        if tanggal not in self.days:
            day = parse_tanggal_sel(tanggal)
            message = None
            if day is None:
                message = _("Tanggal tidak dikenali; tulis seperti 2026-11-02.")
            elif day > self.today:
                message = _("Tanggal di masa depan.")
            elif self.kal.sub_on(day) is None or not self.kal.terbuka(day) or \
                    self.terkunci.get((day.year, day.month), True):
                message = _("Tanggal di luar bulan yang masih terbuka.")
            elif not self.kal.hari_kerja(day):
                message = _("Tanggal itu bukan hari kerja Anda (akhir pekan, libur, atau cuti).")
            self.days[tanggal] = (day, message)
        day, message = self.days[tanggal]
        if message:
            raise _Salah(message)
        return day

    def _check(self, tanggal, kode, uraian, output, mode, tautan):
        """(day, rencana aksi tuple, output) of a right line; raises `_Salah` with the first
        thing wrong."""
        day = parse_tanggal_sel(tanggal) if tanggal not in self.days else self.days[tanggal][0]
        if day is not None and day > self.today:
            raise _Salah(_("Tanggal di masa depan."))
        ra = self.rencana.get(kode.lower())
        if ra is None:
            raise _Salah(_("Kode rencana aksi %(k)s tidak dikenal.", k=kode[:20] or "-"))
        if day is not None and (ra[2], ra[3]) != (day.year, day.month):
            raise _Salah(_("Kode %(k)s untuk bulan %(b)s, bukan bulan tanggal itu.", k=ra[4],
                           b=rencana_aksi.label_bulan(ra[2], ra[3])))
        day = self._day(tanggal)
        if not uraian:
            raise _Salah(_("Kolom yang dikerjakan kosong."))
        if len(uraian) > 500:
            raise _Salah(_("Yang dikerjakan paling banyak 500 karakter."))
        try:
            angka = parse_angka(output)
        except ValueError:
            raise _Salah(_("Output harus angka 0 atau lebih.")) from None
        if mode not in MODE_KERJA:
            raise _Salah(_("Mode harus WFO, WFH atau WFA."))
        if tautan and (len(tautan) > 500 or not tautan.startswith(("http://", "https://"))):
            raise _Salah(_("Tautan bukti harus diawali http:// atau https://."))
        self._check_mode(day, mode)
        return day, ra, angka

    def _check_mode(self, day: date, mode: str) -> None:
        if self.mode_file.get(day, mode) != mode:
            raise _Salah(_("Mode berbeda dengan baris lain pada tanggal yang sama."))
        if day in self.mode_file:
            return
        week = self.weeks.setdefault(senin(day), {})
        reason = tolak_mode(mode, day, fleksibel=self.fleksibel, batas=self.kal.batas,
                            modes_minggu=week, hari_kerja=self.kal.hari_kerja)
        if reason == "tidak_fleksibel":
            raise _Salah(_("Jabatan Anda tidak termasuk yang boleh bekerja fleksibel; pakai WFO."))
        if reason == "melebihi_batas":
            raise _Salah(_("Melebihi batas %(n)s hari kerja fleksibel dalam minggu itu.",
                           n=self.kal.batas))
        self.mode_file[day] = week[day] = mode


class _Salah(Exception):
    """What is wrong with one line (its message)."""


def periksa(pegawai_id: int, data: bytes, filename: str, simpan=None) -> Hasil:
    """Check every line; `simpan(entry)` is called for each new entry (apply), else nothing is
    kept of the rows."""
    hasil = Hasil()
    check = _Pemeriksa(pegawai_id)
    rows = baris(data, filename)
    header = next(rows, None)
    if header is None or [h.strip().lower() for h in header[1][:len(KOLOM)]] != \
            [k.lower() for k in KOLOM]:
        raise BerkasDitolak(_("Baris pertama harus judul kolom templat: %(k)s.",
                              k=", ".join(KOLOM)))
    for line, cells in rows:
        if not any(str(c).strip() for c in cells[:len(KOLOM)]):
            continue
        if not str(cells[0]).strip() and len(cells) > 2 and not str(cells[2]).strip():
            continue  # a template row left unused (only its code filled in)
        entry = check.baris(line, cells, hasil)
        if entry is not None and simpan is not None:
            simpan(entry)
    if hasil.baru + hasil.sudah_ada + hasil.salah == 0:
        raise BerkasDitolak(_("Berkas tidak berisi entri."))
    return hasil


def terapkan(pegawai_id: int, data: bytes, filename: str) -> Hasil:
    """Check again and, when no line is wrong, save every new entry and the days' modes in one
    transaction; otherwise nothing. The caller commits (or rolls back)."""
    # Imported here: the daily log's services use this package's (rencana aksi, reminders).
    from portal.harian.services import upsert_mode

    batch: list[dict] = []
    modes: dict[date, str] = {}

    def simpan(entry: dict) -> None:
        modes[entry["tanggal"]] = entry.pop("mode")
        batch.append(entry)
        if len(batch) >= 1000:
            flush()

    def flush() -> None:
        if batch:
            db.session.execute(insert(ProgresHarian), batch)
            batch.clear()

    hasil = periksa(pegawai_id, data, filename, simpan)
    if hasil.salah:
        db.session.rollback()
        return hasil
    flush()
    for day, mode in modes.items():
        upsert_mode(pegawai_id, day, mode)
    audit.record("entri.impor", "progres_harian", None,
                 sesudah={"berkas": filename[:100], "baru": hasil.baru,
                          "sudah_ada": hasil.sudah_ada})
    return hasil


def templat_rows(pegawai_id: int) -> list[list[str]]:
    """Rows of the template: one per rencana aksi of this month, with its code filled in."""
    today = clock.today()
    return [["", ra.kode, "", "", "WFO", ""] for ra in
            rencana_aksi.untuk_bulan(pegawai_id, today.year, today.month)]
