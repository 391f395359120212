"""BKPSDM operator pages: org tree, seats, people, periods, calendar."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from portal.admin import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_dokumen,
    routes_org,
    routes_pegawai,
    routes_pengaturan,
)
