"""The supervisor's verification of daily entries: the week of each direct report, the one
decision function (every path, one entry or a whole week, goes through `putuskan`), the counts
for the homes, and the reminder of entries waiting past the deadline."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal import audit, clock, orgtree
from portal.extensions import db
from portal.models import Jabatan, Notifikasi, Pegawai, ProgresHarian
from portal.rencana.pengaturan import hari_kerja_instansi, pengaturan
from portal.rules.hari_kerja import hari_minggu, label_minggu
from portal.rules.rencana import batas_verifikasi

KEPUTUSAN = {"terima": "diterima", "kembalikan": "dikembalikan"}
JENDELA = 62  # days back that the homes look for waiting entries


class Ditolak(Exception):
    """A decision that may not be made; the message says why, in Indonesian."""


def putuskan(entri: ProgresHarian, oleh_id: int, keputusan: str, catatan: str | None,
             bawahan: set[int], *, aktif: bool) -> None:
    """Accept or return one entry. `bawahan` are the ids of the decider's direct reports (the
    caller asks the org tree once for a whole week). Raises `Ditolak`; the caller commits."""
    if not aktif:
        raise Ditolak(_("Verifikasi entri harian tidak diaktifkan untuk instansi ini."))
    if entri.pegawai_id == oleh_id:
        raise Ditolak(_("Entri Anda sendiri tidak dapat Anda verifikasi."))
    if entri.pegawai_id not in bawahan:
        raise Ditolak(_("Hanya atasan langsung (atau Plt) yang memverifikasi entri ini."))
    status = KEPUTUSAN.get(keputusan)
    if status is None:
        raise Ditolak(_("Pilih terima atau kembalikan."))
    if entri.verifikasi is not None:
        raise Ditolak(_("Entri ini sudah diputuskan."))
    catatan = (catatan or "").strip() or None
    if status == "dikembalikan" and not catatan:
        raise Ditolak(_("Tuliskan catatan: apa yang perlu diperbaiki."))
    entri.verifikasi, entri.diverifikasi_oleh_id = status, oleh_id
    entri.diverifikasi_pada = clock.utcnow()
    if catatan or status == "dikembalikan":
        entri.catatan_verifikasi = catatan
    audit.record(f"entri_{status}", "progres_harian", entri.id, sesudah={"catatan": catatan},
                 aktor_id=oleh_id)
    if status == "dikembalikan":
        db.session.add(Notifikasi(
            penerima_id=entri.pegawai_id, jenis="verifikasi",
            teks=_("Entri %(t)s dikembalikan: %(c)s", t=entri.tanggal.isoformat(),
                   c=catatan)[:300], tautan=f"/harian/entri/{entri.id}/ubah"))


def bawahan_ids(atasan_id: int) -> set[int]:
    return {p.id for p, _j in orgtree.direct_reports(atasan_id)}


def terima_minggu(atasan_id: int, senin: date, pegawai_id: int | None = None) -> tuple[int, int]:
    """Accept every waiting entry of the week of the direct reports (or of one of them) through
    `putuskan`, entry by entry. (accepted, refused); the caller commits."""
    bawahan = bawahan_ids(atasan_id)
    ids = [pegawai_id] if pegawai_id is not None else sorted(bawahan)
    aktif = pengaturan().verifikasi_aktif
    accepted = refused = 0
    for entri in _minggu(ids, senin, waiting_only=True):
        try:
            putuskan(entri, atasan_id, "terima", None, bawahan, aktif=aktif)
            accepted += 1
        except Ditolak:
            refused += 1
    return accepted, refused


def _minggu(ids, senin: date, *, waiting_only: bool = False) -> list[ProgresHarian]:
    if not ids:
        return []
    stmt = (select(ProgresHarian).where(ProgresHarian.pegawai_id.in_(ids),
                                        ProgresHarian.tanggal.between(senin,
                                                                      senin + timedelta(days=6)))
            .order_by(ProgresHarian.tanggal, ProgresHarian.id))
    if waiting_only:
        stmt = stmt.where(ProgresHarian.verifikasi.is_(None))
    else:
        stmt = stmt.options(selectinload(ProgresHarian.rencana_aksi))
    return list(db.session.scalars(stmt))


@dataclass
class BarisVerifikasi:
    pegawai: Pegawai
    jabatan: Jabatan
    entri: list[ProgresHarian] = field(default_factory=list)

    @property
    def menunggu(self) -> int:
        return sum(e.verifikasi is None for e in self.entri)


def minggu_tim(atasan_id: int, senin: date) -> dict:
    """The week of each direct report (three statements whatever the team's size)."""
    reports = orgtree.direct_reports(atasan_id)
    rows = {p.id: BarisVerifikasi(p, j) for p, j in reports}
    for e in _minggu(list(rows), senin):
        rows[e.pegawai_id].entri.append(e)
    setting = pengaturan()
    batas = batas_verifikasi(senin, setting.batas_verifikasi, hari_kerja_instansi())
    return {"rows": list(rows.values()), "senin": senin, "hari": hari_minggu(senin),
            "batas": batas, "aktif": setting.verifikasi_aktif,
            "menunggu": sum(r.menunggu for r in rows.values())}


@dataclass
class Menunggu:
    jumlah: int = 0
    lewat_batas: int = 0
    minggu_tertua: date | None = None

    @property
    def minggu(self) -> str | None:
        """The oldest week with waiting entries, as the week page's `minggu` parameter."""
        return label_minggu(self.minggu_tertua) if self.minggu_tertua else None


def menunggu(atasan_id: int, hari_ini: date | None = None) -> Menunggu:
    """How many entries of the direct reports wait for this supervisor, and how many of them
    are past the verification deadline (the atasan home). Two statements and the walk."""
    hari_ini = hari_ini or clock.today()
    setting = pengaturan()
    if not setting.verifikasi_aktif:
        return Menunggu()
    ids = list(bawahan_ids(atasan_id))
    if not ids:
        return Menunggu()
    per_day = db.session.execute(
        select(ProgresHarian.tanggal, func.count(ProgresHarian.id))
        .where(ProgresHarian.pegawai_id.in_(ids), ProgresHarian.verifikasi.is_(None),
               ProgresHarian.tanggal >= hari_ini - timedelta(days=JENDELA))
        .group_by(ProgresHarian.tanggal)).all()
    # The calendar is read even when nothing waits: the home costs the same for everyone.
    return _hitung(per_day, hari_ini, setting.batas_verifikasi, hari_kerja_instansi())


def _hitung(per_day, hari_ini: date, batas: int, hari_kerja) -> Menunggu:
    out, deadlines = Menunggu(), {}
    for day, n in per_day:
        senin = day - timedelta(days=day.weekday())
        if senin not in deadlines:
            deadlines[senin] = batas_verifikasi(senin, batas, hari_kerja)
        out.jumlah += n
        if deadlines[senin] < hari_ini:
            out.lewat_batas += n
        if out.minggu_tertua is None or senin < out.minggu_tertua:
            out.minggu_tertua = senin
    return out


def pengingat_atasan(hari_ini: date | None = None) -> int:
    """Notify each supervisor with entries waiting past the deadline, once a day (so the count
    on the bell shows it). Returns how many notifications were made; the caller commits."""
    hari_ini = hari_ini or clock.today()
    setting = pengaturan()
    if not setting.verifikasi_aktif:
        return 0
    rows = db.session.execute(
        select(ProgresHarian.pegawai_id, ProgresHarian.tanggal, func.count(ProgresHarian.id))
        .where(ProgresHarian.verifikasi.is_(None),
               ProgresHarian.tanggal >= hari_ini - timedelta(days=JENDELA))
        .group_by(ProgresHarian.pegawai_id, ProgresHarian.tanggal)).all()
    per_person: dict[int, list] = defaultdict(list)
    for pid, day, n in rows:
        per_person[pid].append((day, n))
    late: dict[int, int] = defaultdict(int)
    hari_kerja = hari_kerja_instansi()
    for pid, days in per_person.items():
        count = _hitung(days, hari_ini, setting.batas_verifikasi, hari_kerja).lewat_batas
        if count:
            boss = orgtree.atasan_of(db.session.get(Pegawai, pid))
            if boss is not None:
                late[boss.id] += count
    teks_hari = hari_ini.isoformat()
    made = 0
    for boss_id, count in late.items():
        already = db.session.scalar(select(Notifikasi.id).where(
            Notifikasi.penerima_id == boss_id, Notifikasi.jenis == "verifikasi_telat",
            Notifikasi.teks.like(f"%{teks_hari}%")).limit(1))
        if already is None:
            db.session.add(Notifikasi(
                penerima_id=boss_id, jenis="verifikasi_telat", tautan="/verifikasi",
                teks=_("%(n)s entri bawahan melewati batas verifikasi (per %(t)s).", n=count,
                       t=teks_hari)))
            made += 1
    return made
