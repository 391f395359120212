"""Rencana aksi (the monthly plan under each RHK), the supervisor's verification of daily
entries, and the import of entries from a spreadsheet."""
from flask import Blueprint

bp = Blueprint("rencana", __name__)

from portal.rencana import (  # noqa: E402,F401
    cli,
    routes,
    routes_impor,
    routes_pengaturan,
    routes_verifikasi,
)
