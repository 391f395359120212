"""Working days: Monday–Friday that are not a holiday or cuti bersama of the instansi and not a
day of the person's leave, sick leave or official travel (dinas luar). Days off are never flagged
as days without entries and do not count toward the flexible-work cap."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from portal.rules.tanggal import dalam_rentang


def alasan_bukan_hari_kerja(day: date, libur: Iterable[date],
                            absen: Iterable[tuple[date, date]]) -> str | None:
    """Why `day` is not a working day ("akhir_pekan", "libur", "absen"), or None if it is."""
    if day.weekday() >= 5:
        return "akhir_pekan"
    if day in set(libur):
        return "libur"
    if any(mulai <= day <= selesai for mulai, selesai in absen):
        return "absen"
    return None


def is_hari_kerja(day: date, libur: Iterable[date], absen: Iterable[tuple[date, date]]) -> bool:
    return alasan_bukan_hari_kerja(day, libur, absen) is None


def senin(day: date) -> date:
    """Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def hari_minggu(day: date) -> list[date]:
    """Monday to Friday of the ISO week of `day`."""
    start = senin(day)
    return [start + timedelta(days=i) for i in range(5)]


def parse_minggu(text: str | None) -> date | None:
    """"2026-W48" -> the Monday of that ISO week; None for anything else (and for weeks
    outside the years a person may ask about: `rules.tanggal.TAHUN_MIN..TAHUN_MAX`)."""
    if not text:
        return None
    try:
        year, week = text.split("-W")
        if not (year.isdigit() and len(year) == 4 and week.isdigit() and len(week) <= 2):
            return None
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None
    return monday if dalam_rentang(monday) else None


def label_minggu(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
