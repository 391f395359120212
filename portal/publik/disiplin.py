"""Discipline figures for /publik from the presensi rekap (portal/presensi/rekap.py): per OPD,
the share of working days present, present on time (no TL/PSW) and absent without leave (TK),
over the months of the period. Nothing when the period has no attendance record at all (an
instansi that does not record presensi in the portal shows no discipline figures)."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import Presensi
from portal.penilaian.periode import Kode
from portal.presensi.rekap import rekap_bulan
from portal.rules import dokumen as aturan

INSTANSI = 0


def _months(k: Kode) -> list[tuple[int, int, object]]:
    """(year, month, last day counted) of each month of the period, up to yesterday."""
    end = min(k.selesai, clock.today())
    out, y, m = [], k.mulai.year, k.mulai.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m, end if (y, m) == (end.year, end.month) else None))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def figures(k: Kode, seats, people: dict[int, int]) -> dict[int, dict] | None:
    """{OPD id (0: the instansi): {hadir_persen, tepat_waktu_persen, tk_persen}} or None."""
    recorded = db.session.scalar(select(func.count(Presensi.id)).where(
        Presensi.tanggal.between(k.mulai, k.selesai)))
    if not recorded:
        return None
    opd_of = dict(db.session.execute(select(seats.c.pid, seats.c.opd)).all())
    tally: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for tahun, bulan, sampai in _months(k):
        kwargs = {"sampai": sampai} if sampai else {}
        for pid, days in rekap_bulan(select(seats.c.pid), tahun, bulan, **kwargs).items():
            days = [d for d in days if k.mulai <= d.tanggal <= k.selesai and d.hari_kerja]
            for opd in (opd_of.get(pid), INSTANSI):
                if opd is None:
                    continue
                t = tally[opd]
                t["kerja"] += len(days)
                t["hadir"] += sum(1 for d in days if d.status == "hadir")
                t["tepat"] += sum(1 for d in days if d.status == "hadir" and not d.tl
                                  and not d.psw)
                t["tk"] += sum(1 for d in days if d.status == "TK")
    out = {}
    for opd, n in people.items():
        t = tally.get(opd, {})
        small = n < aturan.MIN_KELOMPOK
        out[opd] = {key: aturan.KECIL if small else aturan.persen(t.get(part, 0),
                                                                   t.get("kerja", 0))
                    for key, part in (("hadir_persen", "hadir"), ("tepat_waktu_persen", "tepat"),
                                      ("tk_persen", "tk"))}
    return out
