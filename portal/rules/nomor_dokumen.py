"""Document numbers in the pattern the admin sets, e.g. "800/KIN/{tahun}/{nomor:6}" →
"800/KIN/2026/000123".

Fields: {tahun} (year of issue), {bulan} (month, two digits), {romawi} (month in Roman
numerals, as Indonesian letters number them), {jenis} (the kind's short code: RPR, SKP, …) and
{nomor} or {nomor:N} (the sequence, zero-padded to N digits; required, exactly once). Anything
else in braces is refused, so a pattern can never reach Python's own formatting.
"""
from __future__ import annotations

import re

BAWAAN = "800/KIN/{tahun}/{nomor:6}"
KODE_JENIS = {"rapor": "RPR", "skp": "SKP", "riwayat": "RWY", "penetapan": "PPK",
              "daftar_pendek": "DPT", "tpp": "TPP"}
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_FIELD = re.compile(r"\{([^{}]*)\}")
_NOMOR = re.compile(r"^nomor(?::([1-9]))?$")
_KNOWN = {"tahun", "bulan", "romawi", "jenis"}
MAX_LEN = 60


def pola_error(pola: str) -> str | None:
    """Why a pattern cannot number documents (Indonesian), or None when it can."""
    pola = pola or ""
    if not pola.strip():
        return "Pola nomor wajib diisi."
    if len(pola) > MAX_LEN:
        return f"Pola nomor paling panjang {MAX_LEN} karakter."
    fields = _FIELD.findall(pola)
    if "{" in _FIELD.sub("", pola) or "}" in _FIELD.sub("", pola):
        return "Kurung kurawal pada pola nomor tidak berpasangan."
    unknown = [f for f in fields if f not in _KNOWN and not _NOMOR.match(f)]
    if unknown:
        return "Isian tidak dikenal pada pola nomor: {" + unknown[0] + "}."
    if sum(1 for f in fields if _NOMOR.match(f)) != 1:
        return "Pola nomor harus memuat {nomor} tepat satu kali."
    return None


def _fill(pola: str, jenis: str, tahun: int, bulan: int, nomor: int | None) -> str:
    def one(match: re.Match) -> str:
        field = match[1]
        numbered = _NOMOR.match(field)
        if numbered:
            if nomor is None:
                return "{nomor}"
            return str(nomor).zfill(int(numbered[1] or 1))
        return {"tahun": str(tahun), "bulan": f"{bulan:02d}", "romawi": ROMAWI[bulan - 1],
                "jenis": KODE_JENIS.get(jenis, jenis.upper()[:3])}[field]

    return _FIELD.sub(one, pola)


def awalan(pola: str, jenis: str, tahun: int, bulan: int) -> str:
    """The counter a number is drawn from: the pattern filled in except the sequence, so a
    pattern with {tahun} starts again at 1 every year and one with {jenis} counts per kind."""
    return _fill(pola, jenis, tahun, bulan, None)


def nomor(pola: str, jenis: str, tahun: int, bulan: int, urut: int) -> str:
    return _fill(pola, jenis, tahun, bulan, urut)


def samarkan_nip(nip: str | None) -> str:
    """A NIP with its middle digits hidden (birth date and appointment), for public pages:
    "1985…2003" style → first 4 and last 4 digits kept."""
    nip = (nip or "").strip()
    if len(nip) < 9:
        return "*" * len(nip)
    return nip[:4] + "*" * (len(nip) - 8) + nip[-4:]
