"""What the presensi views share: the month asked for in the query string, day labels."""
from __future__ import annotations

from datetime import date, timedelta

from portal import clock

SINGKAT = {"hadir": "H", "TK": "TK", "izin": "I", "sakit": "S", "cuti": "C", "DL": "DL",
           "libur": "·"}
HARI = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")


def bulan_dari(text: str | None) -> tuple[int, int]:
    """"2026-11" -> (2026, 11); this month for anything else (or a month out of range)."""
    today = clock.today()
    try:
        tahun, bulan = (int(v) for v in (text or "").split("-"))
        if 2000 <= tahun <= today.year + 1 and 1 <= bulan <= 12:
            return tahun, bulan
    except ValueError:
        pass
    return today.year, today.month


def nama_bulan(tahun: int, bulan: int) -> str:
    """A month the way people write it: "November 2026" (in English "November 2026" too)."""
    from flask_babel import format_date

    return format_date(date(tahun, bulan, 1), "MMMM y")


def tetangga(tahun: int, bulan: int) -> tuple[str, str]:
    """The previous and next month as "YYYY-MM"."""
    first = date(tahun, bulan, 1)
    prev = first - timedelta(days=1)
    nxt = first + timedelta(days=32)
    return f"{prev.year}-{prev.month:02d}", f"{nxt.year}-{nxt.month:02d}"


def sampai(tahun: int, bulan: int) -> date:
    """Statuses stop at yesterday (a day under way has none yet)."""
    return clock.today() - timedelta(days=1)


def sel(hari) -> str:
    """A team-month cell: the codes of the day, short."""
    if hari.status == "hadir":
        codes = [c for c in (hari.tl, hari.psw) if c]
        return " ".join(codes) if codes else "H"
    return SINGKAT.get(hari.status, hari.status)
