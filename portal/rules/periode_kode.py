"""Period codes in stable URLs: `2026-TW1`…`2026-TW4` (triwulan), `2026-B01`…`2026-B12`
(months), `2026-S1`/`2026-S2` (semesters) and `2026` for the annual rating (kode TAHUNAN)."""
import re

TAHUNAN = "TAHUNAN"
_PATTERN = re.compile(r"^(\d{4})(?:-(TW[1-4]|B(?:0[1-9]|1[0-2])|S[12]))?$")


def parse(code: str) -> tuple[int, str] | None:
    """(tahun, kode) for a valid code, where kode is the sub-period code or TAHUNAN; else None."""
    match = _PATTERN.match(code or "")
    if not match:
        return None
    return int(match.group(1)), match.group(2) or TAHUNAN


def url_code(tahun: int, kode: str) -> str:
    return str(tahun) if kode == TAHUNAN else f"{tahun}-{kode}"


def label(kode: str) -> str:
    """The rapor's periode line: TRIWULAN II, BULAN 03, SEMESTER I, AKHIR."""
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    if kode == TAHUNAN:
        return "AKHIR"
    if kode.startswith("TW"):
        return f"TRIWULAN {roman[int(kode[2:])]}"
    if kode.startswith("S"):
        return f"SEMESTER {roman[int(kode[1:])]}"
    from portal.rules.tanggal import BULAN

    return f"BULAN {BULAN[int(kode[1:]) - 1].upper()}"


def judul(kode: str) -> str:
    """The same line for a page or a file name: Triwulan III, Semester I, Bulan Maret, Akhir
    (roman numerals stay capitals, which str.title() would turn into "Iii")."""
    roman = {"I", "II", "III", "IV"}
    return " ".join(w if w in roman else w.capitalize() for w in label(kode).split())
