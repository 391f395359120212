"""Penilaian: rating reports per sub-period and year, objections, the Sekda's org rating,
distribution check, Format Penetapan PDF and closing periods."""
from flask import Blueprint

bp = Blueprint("penilaian", __name__)

from portal.penilaian import (  # noqa: E402,F401  (views register themselves on bp)
    routes,
    routes_nilai,
    routes_sekda,
)
