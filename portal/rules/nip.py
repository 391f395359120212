"""NIP (Nomor Induk Pegawai): 18 digits.

Digits 1–8 are the birth date (YYYYMMDD), 9–14 the appointment (YYYYMM for PNS; PPPK use
other codes in 13–14), 15 the sex
(1 man, 2 woman) and 16–18 a sequence number. PNS and PPPK both have one.
"""
import re
from datetime import date

# A NIP field opens the phone's number pad; spaces, dots and dashes typed for reading are dropped.
INPUT = {"inputmode": "numeric", "autocomplete": "off"}
_PEMISAH = re.compile(r"[\s.\-]+")


def bersihkan(value: str | None) -> str | None:
    """A typed NIP without the separators people put in it: "1985 0312 2010…" → "19850312…"."""
    return _PEMISAH.sub("", value) if isinstance(value, str) else value


def nip_error(nip: str) -> str | None:
    """The reason a NIP is invalid, in Indonesian, or None when it is valid."""
    nip = (nip or "").strip()
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        return "NIP harus 18 digit angka."
    try:
        lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "8 digit pertama NIP harus tanggal lahir yang valid (TTTTBBHH)."
    if lahir.year < 1940:
        return "Tahun lahir pada NIP tidak masuk akal."
    if int(nip[8:12]) < lahir.year:
        return "Digit 9–12 NIP (tahun pengangkatan) tidak boleh sebelum tahun lahir."
    if nip[14] not in "12":
        return "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."
    return None


def is_valid_nip(nip: str) -> bool:
    return nip_error(nip) is None
