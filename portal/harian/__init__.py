"""Progres harian: the daily log (quick entries, proof files, work mode), realisasi per RHK,
the supervisor's umpan balik and the team pages."""
from flask import Blueprint

bp = Blueprint("harian", __name__)

from portal.harian import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_realisasi,
    routes_tim,
    routes_umpan,
)
