"""Penilaian in tests: the code of the period being rated."""
from __future__ import annotations

from portal import clock


def kode_aktif(app) -> str:
    """The demo's rated triwulan: the last one that ended before today."""
    today = clock.today()
    with app.app_context():
        from portal.penilaian.periode import default_kode

        return default_kode(today).teks
