""""TPP saya": one person's amount for a month as stored by the run (approved, or still in
review), the twelve months before, and what-if lines computed from today's inputs ("if your
correction for 4 Nov is approved: +Rp 13.536")."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import TppHasil, TppRun
from portal.rules.tpp import HADIR, TK, andai, hitung, rp, tgl
from portal.tpp import aturan as versi
from portal.tpp import masukan

TAMPIL = ("tinjau", "disetujui")


@dataclass
class Bulan:
    bulan: date
    hasil: TppHasil
    status: str  # disetujui or tinjau
    koreksi: list[TppHasil]  # approved corrections after the main run, oldest first


def riwayat(pegawai_id: int, sampai: date, n: int = 12) -> list[Bulan]:
    """The person's months up to `sampai`, newest first: one statement."""
    k = sampai.year * 12 + sampai.month - 1 - (n - 1)
    awal = date(k // 12, k % 12 + 1, 1)
    rows = db.session.execute(
        select(TppHasil, TppRun.bulan, TppRun.status, TppRun.jenis)
        .join(TppRun, TppRun.id == TppHasil.run_id)
        .where(TppHasil.pegawai_id == pegawai_id, TppRun.status.in_(TAMPIL),
               TppRun.bulan.between(awal, sampai))
        .order_by(TppRun.bulan.desc(), TppRun.id)).all()
    months: dict[date, Bulan] = {}
    for hasil, bulan, status, jenis in rows:
        cur = months.get(bulan)
        if jenis == "koreksi":
            if cur is not None and status == "disetujui":
                cur.koreksi.append(hasil)
            continue
        if cur is None or status == "disetujui" or cur.status != "disetujui":
            months[bulan] = Bulan(bulan, hasil, status, cur.koreksi if cur else [])
    return list(months.values())


def tim(pegawai_id: int, bulan: date) -> list[tuple]:
    """A supervisor's direct reports with their amount of the month as stored (approved, else
    in review): (pegawai, jabatan, bruto or None, netto or None). Two statements."""
    from portal import orgtree

    reports = orgtree.direct_reports(pegawai_id)
    if not reports:
        return []
    rows = db.session.execute(
        select(TppHasil.pegawai_id, TppHasil.bruto, TppHasil.netto, TppRun.status)
        .join(TppRun, TppRun.id == TppHasil.run_id)
        .where(TppHasil.pegawai_id.in_([p.id for p, _j in reports]), TppRun.bulan == bulan,
               TppRun.jenis == "utama", TppRun.status.in_(TAMPIL))
        .order_by(TppRun.id)).all()
    amounts: dict[int, tuple[int, int]] = {}
    for pid, bruto, netto, status in rows:
        if status == "disetujui" or pid not in amounts:
            amounts[pid] = (bruto, netto)
    return [(p, j, *amounts.get(p.id, (None, None))) for p, j in reports]


def koreksi_tertunda(pegawai_id: int, bulan: date) -> TppHasil | None:
    return db.session.scalar(
        select(TppHasil).join(TppRun, TppRun.id == TppHasil.run_id)
        .where(TppHasil.pegawai_id == pegawai_id, TppRun.bulan == bulan,
               TppRun.jenis == "koreksi", TppRun.status == "tinjau")
        .order_by(TppRun.id.desc()).limit(1))


def andai_andai(pegawai_id: int, bulan: date) -> list[tuple[str, int]]:
    """What-if lines from today's inputs: each day with a discipline deduction corrected, the
    unverified days verified, the days without entries filled."""
    row = versi.berlaku(bulan)
    people = masukan.orang_bulan(bulan, None, pegawai_id)
    if row is None or not people:
        return []
    aturan = versi.isi(row)
    _awal, akhir = masukan.awal_akhir(bulan)
    days = masukan.hari_kerja(bulan)
    sampai = min(akhir, clock.today() - timedelta(days=1))
    inputs, hilang = masukan.masukan_chunk(people, bulan, days, sampai, {})
    m = inputs[pegawai_id]
    out: list[tuple[str, int]] = []
    if "presensi" not in hilang:
        out += _koreksi(m, aturan)
    if "entri" not in hilang:
        waiting = [d for d in m.hari if d.status == HADIR and d.entri and not d.terverifikasi]
        if waiting:
            verified = tuple(replace(d, terverifikasi=True) if d in waiting else d
                             for d in m.hari)
            _h, delta = andai(m, aturan, hari=verified)
            if delta:
                out.append((_("Jika %(n)s hari yang belum diverifikasi diverifikasi atasan: "
                              "%(d)s", n=len(waiting), d=_plus(delta)), delta))
    return out


def _tepat(d):
    return replace(d, status=HADIR, datang=time(7, 30), pulang=time(16, 0), telat=0, cepat=0)


def _koreksi(m, aturan, shown: int = 5) -> list[tuple[str, int]]:
    """Each day with a discipline deduction, as if a correction made it an ordinary day: the
    largest few, then all of them at once when there are more."""
    days = [i for i, d in enumerate(m.hari)
            if d.status == TK or (d.status == HADIR and (d.telat != 0 or d.cepat != 0))]
    lines = []
    for i in days:
        _h, delta = andai(m, aturan, hari=m.hari[:i] + (_tepat(m.hari[i]),) + m.hari[i + 1:])
        if delta:
            lines.append((_("Jika koreksi presensi %(d)s disetujui: %(n)s",
                            d=tgl(m.hari[i].tanggal), n=_plus(delta)), delta))
    lines.sort(key=lambda x: -x[1])
    if len(lines) > shown:
        fixed = tuple(_tepat(d) if i in days else d for i, d in enumerate(m.hari))
        _h, delta = andai(m, aturan, hari=fixed)
        lines = lines[:shown] + [(_("Jika koreksi untuk semua %(n)s hari itu disetujui: "
                                    "%(d)s", n=len(days), d=_plus(delta)), delta)]
    return lines


def _plus(n: int) -> str:
    return ("+" if n > 0 else "") + rp(n)


def hitung_dengan(aturan, people, bulan: date):
    """One person's amount under `aturan` from today's inputs (the preview of a draft)."""
    _awal, akhir = masukan.awal_akhir(bulan)
    days = masukan.hari_kerja(bulan)
    sampai = min(akhir, clock.today() - timedelta(days=1))
    inputs, _hilang = masukan.masukan_chunk(people, bulan, days, sampai, {})
    return hitung(inputs[people[0].pegawai_id], aturan)
