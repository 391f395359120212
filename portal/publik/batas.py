"""The public verifier's rate limit: at most VERIFIKASI_MAX_PER_ALAMAT requests per address in
VERIFIKASI_WINDOW_MINUTES, counted in the database (the `verifikasi_akses` table) so every
worker and machine shares one count, as the login throttle does (portal/auth/throttle.py).
Every request counts, found or not: guessing codes costs the same as reading one."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from portal import clock
from portal.auth.throttle import client_address
from portal.db_setup import writing
from portal.extensions import db
from portal.models import VerifikasiAkses


def allow() -> bool:
    """Count this request; False when its address is over the limit (nothing else is read)."""
    cfg, address, now = current_app.config, client_address(), clock.utcnow()
    since = now - timedelta(minutes=cfg["VERIFIKASI_WINDOW_MINUTES"])
    db.session.commit()  # a public GET writes here: count and add in one writing transaction
    with writing():
        used = db.session.scalar(select(func.count(VerifikasiAkses.id)).where(
            VerifikasiAkses.alamat == address, VerifikasiAkses.waktu >= since))
        if used >= cfg["VERIFIKASI_MAX_PER_ALAMAT"]:
            db.session.rollback()
            return False
        db.session.add(VerifikasiAkses(alamat=address, waktu=now))
        if used == 0:  # the first request of an address in a window sweeps old rows away
            db.session.execute(delete(VerifikasiAkses).where(VerifikasiAkses.waktu < since))
        db.session.commit()
    return True
