"""TOTP secrets (encrypted with a key derived from SECRET_KEY), codes, recovery codes, the
policy, and the pending login between the password and the second factor.

A login whose password was right but whose second factor is still owed keeps only
`session["dua_faktor"]` (the person's session token, where to go next, since when): the person
is not logged in until the code is right."""
from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, session
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import delete, select

from portal import audit, clock, orgtree
from portal.extensions import db
from portal.models import DuaFaktor, KebijakanDuaFaktor, KodePemulihan, Pegawai
from portal.rules import dua_faktor as rules

LANGKAH = 30  # seconds per TOTP step (RFC 6238)
TUNDA_DETIK = 600  # the password step is good for this long
PENERBIT = "Portal Kinerja ASN"


def _fernet() -> Fernet:
    key = hashlib.sha256(b"dua-faktor:" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _rahasia(df: DuaFaktor) -> str | None:
    try:
        return _fernet().decrypt(df.rahasia.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed: the authenticator must be enrolled again
        return None


def milik(pegawai_id: int) -> DuaFaktor | None:
    return db.session.scalar(select(DuaFaktor).where(DuaFaktor.pegawai_id == pegawai_id))


def aktif(pegawai_id: int) -> bool:
    df = milik(pegawai_id)
    return df is not None and df.aktif_pada is not None


# --- policy -------------------------------------------------------------------------------


def kebijakan() -> KebijakanDuaFaktor | None:
    return db.session.scalar(select(KebijakanDuaFaktor).order_by(KebijakanDuaFaktor.id).limit(1))


def simpan_kebijakan(peran: list[str], min_bawahan: int, oleh: Pegawai) -> None:
    row = kebijakan()
    before = {"peran": row.peran, "min_bawahan": row.min_bawahan} if row else None
    if row is None:
        row = KebijakanDuaFaktor()
        db.session.add(row)
    row.peran = ",".join(p for p in rules.PERAN if p in peran)
    row.min_bawahan, row.diubah_oleh_id, row.diubah_pada = min_bawahan, oleh.id, clock.utcnow()
    audit.record("dua_faktor.kebijakan", "pegawai", None, sebelum=before,
                 sesudah={"peran": row.peran, "min_bawahan": min_bawahan})


def berlaku() -> tuple[set[str], int]:
    """The policy in force: the saved one, or the default while none is saved (an empty saved
    choice means optional for everyone)."""
    row = kebijakan()
    if row is None:
        return set(rules.PERAN_BAWAAN), rules.MIN_BAWAHAN_BAWAAN
    return set(filter(None, row.peran.split(","))), row.min_bawahan


def wajib(p: Pegawai) -> bool:
    diwajibkan, min_bawahan = berlaku()
    if not diwajibkan:
        return False
    peran = set(orgtree.roles_of(p))
    bawahan = len(orgtree.direct_reports(p.id)) if "atasan" in diwajibkan & peran else 0
    return rules.wajib(peran, bawahan, diwajibkan, min_bawahan)


def tahap_kedua(p: Pegawai) -> str | None:
    """After a right password: 'masuk' (enter a code), 'daftar' (must enrol first) or None."""
    if aktif(p.id):
        return "masuk"
    return "daftar" if wajib(p) else None


# --- the pending login --------------------------------------------------------------------


def tunda(p: Pegawai, next_url: str) -> None:
    session["dua_faktor"] = {"sesi": p.sesi_token, "next": next_url, "sejak": int(time.time())}


def tertunda() -> Pegawai | None:
    data = session.get("dua_faktor")
    if not isinstance(data, dict) or time.time() - data.get("sejak", 0) > TUNDA_DETIK:
        return None
    p = db.session.scalar(select(Pegawai).where(Pegawai.sesi_token == data.get("sesi")))
    return p if p is not None and p.aktif else None


def tujuan() -> str:
    data = session.get("dua_faktor") or {}
    return data.get("next") or "/"


# --- a trusted device ----------------------------------------------------------------------

PERANGKAT_COOKIE = "perangkat_tepercaya"
PERANGKAT_HARI = 30


def _ikatan(p: Pegawai, df: DuaFaktor) -> str:
    """What a trusted device is bound to: this authenticator and this password. Re-enrolling,
    an admin's reset or a new password ends every trust given before."""
    return hashlib.sha256(f"{df.rahasia}|{p.password_hash}".encode()).hexdigest()[:24]


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="perangkat-tepercaya")


def tanda_perangkat(p: Pegawai) -> str:
    """Signed: who, bound to what, since when (the portal's clock, as every expiry here)."""
    return _serializer().dumps({"p": p.id, "i": _ikatan(p, milik(p.id)),
                                "t": int(clock.now().timestamp())})


def perangkat_tepercaya(p: Pegawai, cookie: str | None) -> bool:
    df = milik(p.id)
    if not cookie or df is None or df.aktif_pada is None:
        return False
    try:
        data = _serializer().loads(cookie)
    except BadData:
        return False
    if not isinstance(data, dict) or not isinstance(data.get("t"), int):
        return False
    if clock.now().timestamp() - data["t"] > PERANGKAT_HARI * 86400:
        return False
    bound = str(data.get("i")).encode()
    return data.get("p") == p.id and hmac.compare_digest(bound, _ikatan(p, df).encode())


# --- enrolment and codes ------------------------------------------------------------------


def mulai_daftar(p: Pegawai) -> DuaFaktor:
    """An unconfirmed authenticator (the same one on reload, so the QR code stays valid)."""
    df = milik(p.id)
    if df is not None and df.aktif_pada is None and _rahasia(df):
        return df
    if df is not None:
        db.session.delete(df)
        db.session.flush()
    df = DuaFaktor(pegawai_id=p.id, dibuat_pada=clock.utcnow(),
                   rahasia=_fernet().encrypt(pyotp.random_base32().encode()).decode())
    db.session.add(df)
    db.session.commit()
    return df


def qr_svg(p: Pegawai, df: DuaFaktor) -> tuple[str, str]:
    """(inline SVG of the otpauth:// URI, the secret for typing by hand)."""
    secret = _rahasia(df) or ""
    uri = pyotp.TOTP(secret).provisioning_uri(name=p.nip, issuer_name=PENERBIT)
    return segno.make(uri, error="m").svg_inline(scale=4, title="QR"), secret


def _langkah(secret: str, kode: str) -> int | None:
    """The time step a six-digit code belongs to, within one step of the portal's clock."""
    # ASCII digits only (str.isdigit also takes "٣" or "³"), compared as bytes: compare_digest
    # refuses non-ASCII text, and a code typed in another script is simply a wrong code.
    digits = "".join(ch for ch in kode if ch in "0123456789")
    given = digits.ljust(6, "x")[:6].encode()
    totp, now, found = pyotp.TOTP(secret), int(clock.now().timestamp()), None
    for offset in (-1, 0, 1):  # always all three: the same work whatever the code
        step = now // LANGKAH + offset
        if hmac.compare_digest(totp.at(step * LANGKAH).encode(), given) and len(digits) == 6:
            found = step
    return found


def konfirmasi_daftar(p: Pegawai, kode: str) -> list[str] | None:
    """The first code from the app activates the authenticator; the new recovery codes (shown
    once) or None."""
    df = milik(p.id)
    if df is None or df.aktif_pada is not None:
        return None
    step = _langkah(_rahasia(df) or "", kode)
    if step is None:
        return None
    df.aktif_pada, df.langkah_terakhir = clock.utcnow(), step
    codes = ganti_kode_pemulihan(p)
    audit.record("dua_faktor.aktif", "pegawai", p.id, aktor_id=p.id)
    return codes


def ganti_kode_pemulihan(p: Pegawai) -> list[str]:
    db.session.execute(delete(KodePemulihan).where(KodePemulihan.pegawai_id == p.id))
    codes = rules.kode_pemulihan_baru()
    key = current_app.config["SECRET_KEY"]
    db.session.add_all(KodePemulihan(pegawai_id=p.id, sidik=rules.sidik_kode(key, c))
                       for c in codes)
    return codes


def periksa(p: Pegawai, kode: str) -> str | None:
    """'totp' or 'pemulihan' when the code is right (and now used), else None. Both checks run
    every time, so a wrong code costs the same whichever kind it tried to be."""
    df = milik(p.id)
    secret = (_rahasia(df) if df is not None and df.aktif_pada is not None else None) or \
        pyotp.random_base32()
    step = _langkah(secret, kode)
    sidik = rules.sidik_kode(current_app.config["SECRET_KEY"], kode)
    recovery = db.session.scalar(select(KodePemulihan).where(
        KodePemulihan.pegawai_id == p.id, KodePemulihan.sidik == sidik,
        KodePemulihan.dipakai_pada.is_(None)))
    if df is None or df.aktif_pada is None:
        return None
    if rules.langkah_diterima(step, df.langkah_terakhir):
        df.langkah_terakhir = step
        return "totp"
    if recovery is not None and len(rules.rapikan(kode)) == 10:
        recovery.dipakai_pada = clock.utcnow()
        audit.record("dua_faktor.kode_pemulihan", "pegawai", p.id, aktor_id=p.id)
        return "pemulihan"
    return None


def sisa_kode(pegawai_id: int) -> int:
    return len(list(db.session.scalars(select(KodePemulihan.id).where(
        KodePemulihan.pegawai_id == pegawai_id, KodePemulihan.dipakai_pada.is_(None)))))


def hapus(p: Pegawai, aksi: str) -> None:
    """Remove a person's authenticator and codes (their own choice, or the admin's reset)."""
    db.session.execute(delete(KodePemulihan).where(KodePemulihan.pegawai_id == p.id))
    db.session.execute(delete(DuaFaktor).where(DuaFaktor.pegawai_id == p.id))
    audit.record(aksi, "pegawai", p.id)
