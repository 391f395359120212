"""Making, finding and revoking API tokens; every change is in the audit trail."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal import audit, clock
from portal.extensions import db
from portal.models import ApiToken, Pegawai
from portal.rules import token as rules


def buat(pemilik: Pegawai, nama: str, cakupan: list[str], hari: int,
         jenis: str = "pribadi") -> tuple[ApiToken, str]:
    """A new token and its secret (shown once, never stored)."""
    rahasia = rules.buat()
    token = ApiToken(pemilik_id=pemilik.id, jenis=jenis, nama=nama.strip()[:100],
                     tampak=rules.tampak(rahasia), sidik=rules.sidik(rahasia),
                     cakupan=" ".join(rules.cakupan_dari(cakupan)),
                     dibuat_pada=clock.utcnow(),
                     kedaluwarsa_pada=clock.utcnow() + timedelta(days=hari))
    db.session.add(token)
    db.session.flush()
    audit.record("token.buat", "api_token", token.id, aktor_id=pemilik.id,
                 sesudah={"nama": token.nama, "jenis": jenis, "cakupan": token.cakupan,
                          "kedaluwarsa": token.kedaluwarsa_pada.isoformat()})
    return token, rahasia


def cabut(token: ApiToken) -> None:
    if token.dicabut_pada is None:
        token.dicabut_pada = clock.utcnow()
        audit.record("token.cabut", "api_token", token.id, sebelum={"nama": token.nama})


def milik(pegawai_id: int) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.pemilik_id == pegawai_id)
                                   .order_by(ApiToken.dibuat_pada.desc(), ApiToken.id.desc())))


def dari_rahasia(rahasia: str) -> ApiToken | None:
    if not rules.bentuk_sah(rahasia):
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.sidik == rules.sidik(rahasia)))


def keadaan(token: ApiToken) -> str:
    return rules.keadaan(kedaluwarsa_pada=token.kedaluwarsa_pada,
                         dicabut_pada=token.dicabut_pada, sekarang=clock.utcnow())
