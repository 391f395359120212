"""Who calls the API: the bearer token is checked before any API view (valid, not expired, not
revoked, under its rate limit); its holder becomes `current_user` for this request only (no
session, no cookie). Every refusal is JSON with an Indonesian message."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request
from sqlalchemy import case, update
from werkzeug.exceptions import HTTPException

from portal import clock
from portal.api import bp
from portal.extensions import db
from portal.json_errors import PESAN, galat
from portal.models import ApiToken
from portal.tokenapi import services

TERBUKA = {"api.openapi"}  # answered without a token


@bp.before_request
def authenticate():
    if request.endpoint in TERBUKA:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, rahasia = header.partition(" ")
    if scheme.lower() != "bearer" or not rahasia.strip():
        return galat(401, "Sertakan token API: Authorization: Bearer <token>.")
    token = services.dari_rahasia(rahasia.strip())
    if token is None:
        return galat(401, "Token API tidak dikenal.")
    keadaan = services.keadaan(token)
    if keadaan == "dicabut":
        return galat(401, "Token API ini sudah dicabut.")
    if keadaan == "kedaluwarsa":
        return galat(401, "Token API ini sudah kedaluwarsa; buat token baru.")
    if not token.pemilik.aktif:
        return galat(401, "Pemilik token ini tidak aktif lagi.")
    if not _within_limit(token):
        response = galat(429)
        response.headers["Retry-After"] = "60"
        return response
    g.api_token = token
    g._login_user = token.pemilik  # flask-login's current_user, for this request only
    return None


def _within_limit(token: ApiToken) -> bool:
    """A fixed one-minute window per token, counted in one UPDATE (every worker shares it)."""
    now = clock.utcnow()
    fresh = ApiToken.jendela_mulai.is_(None) | (ApiToken.jendela_mulai < now - timedelta(minutes=1))
    used = db.session.execute(
        update(ApiToken).where(ApiToken.id == token.id).values(
            jendela_jumlah=case((fresh, 1), else_=ApiToken.jendela_jumlah + 1),
            jendela_mulai=case((fresh, now), else_=ApiToken.jendela_mulai),
            terakhir_dipakai=now)
        .returning(ApiToken.jendela_jumlah)).scalar_one()
    db.session.commit()
    return used <= current_app.config.get("API_MAX_PER_MENIT", 120)


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    description = exc.description if exc.description != type(exc).description else None
    if exc.code == 403 and description is None:
        description = PESAN[403]
    return galat(exc.code or 500, description)


@bp.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
