"""Indonesian dates for official documents, whatever the interface language."""
from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def tanggal_indonesia(value: date) -> str:
    """30 Juni 2026."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


# The dates a person may ask about: enough for any record of the portal, and far enough from
# date.min/date.max that a week or a day either side never overflows.
TAHUN_MIN, TAHUN_MAX = 1900, 2999


def dalam_rentang(value: date) -> bool:
    return TAHUN_MIN <= value.year <= TAHUN_MAX


def parse_tanggal(text: str) -> date:
    """"2026-01-31" -> that date; ValueError for anything else or outside TAHUN_MIN..MAX."""
    value = date.fromisoformat(text.strip())
    if not dalam_rentang(value):
        raise ValueError(text)
    return value


def parse_tahun(text: str) -> int:
    """"2026" -> 2026; ValueError for anything else or outside TAHUN_MIN..MAX."""
    text = text.strip()
    if not (text.isdigit() and len(text) == 4 and TAHUN_MIN <= int(text) <= TAHUN_MAX):
        raise ValueError(text)
    return int(text)
