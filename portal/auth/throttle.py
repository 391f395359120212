"""Login throttling with counters in the database, shared by every worker and machine.

After LOGIN_MAX_PER_NIP failures for one (NIP, address) pair within the window, that pair is
refused; a much higher cap applies per address, since a whole office shares one address.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, request
from sqlalchemy import delete, func, select

from portal.extensions import db
from portal.models import LoginGagal
from portal.models.audit import utcnow


def client_address() -> str:
    # ProxyFix (PROXY_FIX_HOPS) has already put the real client into remote_addr.
    return (request.remote_addr or "unknown")[:64]


def _since() -> datetime:
    return utcnow() - timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])


def is_blocked(nip: str) -> bool:
    cfg, address, since = current_app.config, client_address(), _since()
    per_pair = db.session.scalar(select(func.count(LoginGagal.id)).where(
        LoginGagal.nip == nip[:40], LoginGagal.alamat == address, LoginGagal.waktu >= since))
    if per_pair >= cfg["LOGIN_MAX_PER_NIP"]:
        return True
    per_address = db.session.scalar(select(func.count(LoginGagal.id)).where(
        LoginGagal.alamat == address, LoginGagal.waktu >= since))
    return per_address >= cfg["LOGIN_MAX_PER_ADDRESS"]


def password_change_key(nip: str) -> str:
    """Failed password changes are counted like failed logins, under their own key."""
    return f"ganti-sandi:{nip}"


def is_blocked_account(key: str) -> bool:
    """LOGIN_MAX_PER_NIP failures of this key within the window, from any address (a stolen
    session may come from anywhere)."""
    failures = db.session.scalar(select(func.count(LoginGagal.id)).where(
        LoginGagal.nip == key[:40], LoginGagal.waktu >= _since()))
    return failures >= current_app.config["LOGIN_MAX_PER_NIP"]


def clear_account(key: str) -> None:
    db.session.execute(delete(LoginGagal).where(LoginGagal.nip == key[:40]))


def record_failure(nip: str) -> None:
    db.session.add(LoginGagal(nip=nip[:40], alamat=client_address(), waktu=utcnow()))
    # Old rows are useless once outside the window; keep the table small.
    db.session.execute(delete(LoginGagal).where(LoginGagal.waktu < utcnow() - timedelta(days=1)))
    db.session.commit()


def clear(nip: str) -> None:
    db.session.execute(delete(LoginGagal).where(
        LoginGagal.nip == nip[:40], LoginGagal.alamat == client_address()))
