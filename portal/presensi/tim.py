"""The supervisor's views of the team: the month (a row per person, a cell per day) and today's
board (who is in, in which mode, from where). The team is the direct reports."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import Ketidakhadiran, ModeKerja, Presensi
from portal.presensi.rekap import HariRekap, rekap_bulan, ringkas

FILTERS = ("TL", "PSW", "TK", "izin", "pengajuan")


@dataclass
class BarisTim:
    pegawai: object
    jabatan: object
    hari: list[HariRekap]
    jumlah: dict[str, int]


def bulan_tim(atasan_id: int, tahun: int, bulan: int, *, saring: str = "", q: str = "",
              sampai=None) -> list[BarisTim]:
    team = orgtree.direct_reports(atasan_id)
    if q:
        team = [(p, j) for p, j in team if q.lower() in p.nama.lower() or q in p.nip]
    days = rekap_bulan([p.id for p, _ in team], tahun, bulan, sampai=sampai)
    rows = []
    for p, j in team:
        counts = ringkas(days[p.id])
        counts["TL"] = sum(counts.get(f"TL{n}", 0) for n in range(1, 10))
        counts["PSW"] = sum(counts.get(f"PSW{n}", 0) for n in range(1, 10))
        rows.append(BarisTim(p, j, days[p.id], counts))
    if saring in ("TL", "PSW", "TK", "izin"):
        rows = [r for r in rows if r.jumlah.get(saring)]
    return rows


@dataclass
class BarisPapan:
    pegawai: object
    jabatan: object
    presensi: Presensi | None
    mode: str | None
    absen: str | None


def papan_hari_ini(atasan_id: int) -> list[BarisPapan]:
    """Today's board in four statements after the team: records, modes, absences."""
    today = clock.today()
    team = orgtree.direct_reports(atasan_id)
    ids = [p.id for p, _ in team]
    records = {r.pegawai_id: r for r in db.session.scalars(select(Presensi).where(
        Presensi.pegawai_id.in_(ids), Presensi.tanggal == today))}
    modes = dict(db.session.execute(select(ModeKerja.pegawai_id, ModeKerja.mode).where(
        ModeKerja.pegawai_id.in_(ids), ModeKerja.tanggal == today)).all())
    absen = dict(db.session.execute(select(Ketidakhadiran.pegawai_id, Ketidakhadiran.jenis).where(
        Ketidakhadiran.pegawai_id.in_(ids), Ketidakhadiran.mulai <= today,
        Ketidakhadiran.selesai >= today)).all())
    return [BarisPapan(p, j, records.get(p.id), modes.get(p.id), absen.get(p.id))
            for p, j in team]
