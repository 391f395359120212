"""Indonesian dates for official documents, whatever the interface language."""
from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def tanggal_indonesia(value: date) -> str:
    """30 Juni 2026."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
