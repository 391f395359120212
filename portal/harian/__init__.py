"""Progres harian: the daily log (quick entries, proof files, work mode), realisasi per RHK,
the supervisor's umpan balik, the notifications and the team pages under `/tim/`."""
from flask import Blueprint

bp = Blueprint("harian", __name__)

from portal.harian import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_notifikasi,
    routes_realisasi,
    routes_tim,
    routes_umpan,
)
