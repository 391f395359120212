"""Two-factor login as plain rules: who must use it, what a recovery code looks like, which TOTP
step may still be accepted (RFC 6238: 30-second steps; one step of clock skew either way)."""
from __future__ import annotations

import hashlib
import hmac
import secrets

# roles the admin may require a second factor of ("atasan": with at least N direct reports)
PERAN = ("sekda", "admin", "atasan")
# In force until the admin saves a policy (docs/domain.md, "Second factor"): the accounts that
# read the most ratings — the Sekda (all of them), the admins (every account), and supervisors
# who rate a team of at least three.
PERAN_BAWAAN = ("sekda", "admin", "atasan")
MIN_BAWAHAN_BAWAAN = 3
JUMLAH_KODE_PEMULIHAN = 10
_HURUF = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt


def wajib(peran: set[str], jumlah_bawahan: int, diwajibkan: set[str], min_bawahan: int) -> bool:
    """Whether a person with these roles must log in with a second factor."""
    if peran & (diwajibkan - {"atasan"}):
        return True
    return "atasan" in diwajibkan and "atasan" in peran and jumlah_bawahan >= max(min_bawahan, 1)


def kode_pemulihan_baru() -> list[str]:
    return ["-".join("".join(secrets.choice(_HURUF) for _ in range(5)) for _ in range(2))
            for _ in range(JUMLAH_KODE_PEMULIHAN)]


def rapikan(kode: str) -> str:
    """What a person typed, as stored: lower case, without spaces and dashes."""
    return "".join(ch for ch in (kode or "").lower() if ch.isalnum())[:40]


def sidik_kode(kunci: str, kode: str) -> str:
    """Recovery codes are kept as a keyed hash (the app's secret key): a copied table alone
    does not let anyone try codes offline."""
    return hmac.new(kunci.encode(), rapikan(kode).encode(), hashlib.sha256).hexdigest()


def langkah_diterima(langkah: int | None, terakhir: int | None) -> bool:
    """A code's time step is accepted once: never a step at or before the last one used (a code
    seen over a shoulder, or replayed within its window, is refused)."""
    return langkah is not None and (terakhir is None or langkah > terakhir)
