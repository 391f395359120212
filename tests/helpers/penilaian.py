"""Penilaian in tests: the code of the period being rated, a person's rating."""
from __future__ import annotations

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import Penilaian


def kode_aktif(app) -> str:
    """The demo's rated triwulan: the last one that ended before today."""
    today = clock.today()
    with app.app_context():
        from portal.penilaian.periode import default_kode

        return default_kode(today).teks


def penilaian_of(app, pegawai_id, kode="TW"):
    """The person's rating of the first period whose code starts with `kode`."""
    with app.app_context():
        return db.session.scalar(select(Penilaian).where(
            Penilaian.pegawai_id == pegawai_id, Penilaian.kode.startswith(kode)))


def engine_of(app):
    """The app's engine, for counting the statements of a request."""
    with app.app_context():
        return db.engine
