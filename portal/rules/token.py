"""API tokens as plain rules: the scopes there are, how a token looks, how it is kept and when it
still works. A token is shown once; only its SHA-256 is stored (a random 256-bit secret needs no
slow hash: nobody can guess it, and lookups stay one indexed equality)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

AWALAN = "pka_"  # "portal kinerja ASN": lets secret scanners and people recognise a token
# scope -> what it allows (shown on the token page and in the OpenAPI document)
CAKUPAN = {
    "pegawai:baca": "Membaca data diri dan data pegawai yang boleh Anda lihat",
    "harian:baca": "Membaca RHK, rencana aksi dan entri progres harian Anda",
    "harian:tulis": "Menambah entri progres harian Anda",
    "penilaian:baca": "Membaca penilaian kinerja Anda",
}
JENIS = ("pribadi", "layanan")  # personal (acts as its owner) or a service's (made by the admin)
MASA_HARI = (7, 30, 90, 180, 365)


def buat() -> str:
    return AWALAN + secrets.token_urlsafe(32)


def sidik(token: str) -> str:
    """What is stored of a token (and looked up when one is presented)."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def tampak(token: str) -> str:
    """The part of a token kept in clear to tell tokens apart in a list."""
    return token[: len(AWALAN) + 6]


def cakupan_dari(pilihan: list[str]) -> list[str]:
    """Known scopes in a stable order; unknown ones are dropped (the form refuses them first)."""
    return [c for c in CAKUPAN if c in set(pilihan)]


def punya(cakupan: str, perlu: str) -> bool:
    return perlu in (cakupan or "").split()


def keadaan(*, kedaluwarsa_pada: datetime, dicabut_pada: datetime | None,
            sekarang: datetime) -> str:
    """'aktif', 'dicabut' or 'kedaluwarsa' (a revoked token says so even once expired)."""
    if dicabut_pada is not None:
        return "dicabut"
    if sekarang >= kedaluwarsa_pada:
        return "kedaluwarsa"
    return "aktif"


def bentuk_sah(token: str) -> bool:
    """A cheap check before any lookup: the prefix and a sane length."""
    return token.startswith(AWALAN) and 20 <= len(token) <= 100 and token.isascii()
